/**
 * The contract with the proxy, shared by type only: no proxy code (and no zod) reaches the bundle.
 */
import type { PublishedForm } from '../proxy/index.ts';

export type { PublishedForm, Field, Step, SubmissionInput, FieldErrors, FieldIssue } from '../proxy/index.ts';

/** What the loader hands to the UI chunk when a form is to be shown. */
export interface MountOptions {
  /** Base URL of the proxy (API and assets share the host). */
  api: string;
  site: string;
  /** CSP nonce from the script tag, for the `<style>` fallback when constructable stylesheets are missing. */
  nonce?: string;
  onClose?: () => void;
}

export interface UiModule {
  mount(form: PublishedForm, options: MountOptions): MountedForm;
}

export interface MountedForm {
  close(): void;
}
