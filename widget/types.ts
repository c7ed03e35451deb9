/**
 * The contract with the proxy, shared by type only: no proxy code (and no zod) reaches the bundle.
 */
import type { PublishedForm } from '../proxy/index.ts';

export type { PublishedForm, Field, Step, SubmissionInput, FieldCode, FieldErrors, FieldIssue } from '../proxy/index.ts';

/** What the loader hands to the UI chunk when a form is to be shown. */
export interface MountOptions {
  /** Base URL of the proxy (API and assets share the host). */
  api: string;
  site: string;
  /** CSP nonce from the script tag, for the `<style>` fallback when constructable stylesheets are missing. */
  nonce?: string;
  onClose?: () => void;
  /** Language for the form's texts and built-in strings; picked from `navigator.languages` when absent. */
  lang?: string;
  /** A/B variant the visitor was assigned; sent with every submission and event. */
  variant?: string;
  /** Published version of the form (1 when absent): analytics count each version apart. */
  version?: number;
  /** Sends analytics events to `POST /v1/events` (the loader's sender; nothing in a preview). */
  beacon?: (...events: object[]) => unknown;
  /** The visitor's random id, only when storage is allowed: analytics count sign-ups once per visitor. */
  visitor?: string;
  /** Shown for a preview: no analytics event is sent. */
  preview?: boolean;
  /** Visitor context (`utm_source`, `landing_page`, …): fills hidden fields and travels as the submission's `context`. */
  context?: Record<string, string | number>;
  /** Prefill from `inlet('identify', { email })`. */
  identity?: { email?: string; phone?: string };
  /** Inline layout: the element to render into; defaults to the form's `presentation.target`. */
  container?: Element;
  /** `'teaser'` shows only the teaser tab that reopens the form (the loader decided it may reopen). */
  view?: 'form' | 'teaser';
  /** Receives every widget event, as also dispatched on `window` as `inlet:<type>`. */
  onEvent?: (type: InletEventType, detail: InletEventDetail) => void;
  /** Also push each event to `window.dataLayer` (`{ event: 'inlet_<type>', inlet: detail }`) for tag managers. */
  dataLayer?: boolean;
}

export type InletEventType = 'show' | 'close' | 'step' | 'submit';

/** Event payload: never any field value, so tag managers receive no personal data. */
export interface InletEventDetail {
  form: string;
  variant?: string;
  layout: string;
  /** Index of the step in the published form. */
  step: number;
  /** `submit`: the submission id the proxy acknowledged. */
  id?: string;
  /** `close`: whether the visitor reached the success step. */
  completed?: boolean;
}

export interface UiModule {
  mount(form: PublishedForm, options: MountOptions): MountedForm;
}

export interface MountedForm {
  close(): void;
}
