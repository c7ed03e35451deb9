/**
 * One form being edited: the draft, its undo/redo history, autosave with a version check, the
 * proxy's validation issues (as the marketer types), publishing, versions and rollback.
 */
import { batch, computed, signal } from '@preact/signals';
import { api, ApiError } from '../api.ts';

export type Path = (string | number)[];
export interface Issue { path: Path; message: string }
export interface FormDetail { id: string; status: string; draft: Form; rev: number; issues: Issue[]; liveVersion: number | null; scheduledAt: number | null; updatedBy: string; updatedAt: number; lastPublish: { version: number; at: number; by: string } | null }
export type Form = Record<string, unknown> & { id: string; site: string; steps: Step[]; languages?: string[]; layout?: string; variants?: { id: string }[] };
export type Step = Record<string, unknown>;
export interface Version { version: number; createdAt: number; createdBy: string; note: string | null }
export interface DiffLine { kind: 'added' | 'removed' | 'changed'; where: string; path: Path; before?: unknown; after?: unknown }

const VALIDATE_MS = 250;
const AUTOSAVE_MS = 1200;

export function createEditor(site: string, formId: string) {
  const loaded = signal(false);
  const detail = signal<FormDetail | null>(null);
  const draft = signal<Form | null>(null);
  const rev = signal(0);
  const saveState = signal<'saved' | 'saving' | 'dirty' | 'conflict' | 'error'>('saved');
  const conflict = signal<FormDetail | null>(null);
  const issues = signal<Issue[]>([]);
  const past = signal<string[]>([]);
  const future = signal<string[]>([]);
  const problems = signal<string[] | null>(null);
  const publishing = signal(false);
  const versions = signal<Version[]>([]);
  const live = signal<number | null>(null);
  const diff = signal<{ from: string; to: string; lines: DiffLine[] } | null>(null);
  const jsonText = signal('');
  const jsonError = signal<string | null>(null);
  // Preview choices.
  const previewLang = signal('en');
  const previewStep = signal(0);
  const previewVariant = signal<string | undefined>(undefined);
  const device = signal<'desktop' | 'mobile'>('desktop');

  let validateTimer: ReturnType<typeof setTimeout> | undefined;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let validateSeq = 0;

  const languages = computed(() => {
    const l = draft.value?.languages;
    return l?.length ? l : ['en'];
  });

  function accept(form: FormDetail) {
    batch(() => {
      detail.value = form;
      draft.value = form.draft;
      rev.value = form.rev;
      issues.value = form.issues;
      live.value = form.liveVersion;
      jsonText.value = JSON.stringify(form.draft, null, 2);
      jsonError.value = null;
      if (!languages.value.includes(previewLang.value)) previewLang.value = languages.value[0]!;
    });
  }

  async function load() {
    const { form } = await api<{ form: FormDetail }>('GET', `/sites/${site}/forms/${formId}`);
    accept(form);
    loaded.value = true;
    await loadVersions();
  }

  async function loadVersions() {
    const r = await api<{ live: number | null; versions: Version[] }>('GET', `/sites/${site}/forms/${formId}/versions`);
    batch(() => {
      versions.value = r.versions;
      live.value = r.live;
    });
  }

  /** Every edit goes through here: history, JSON tab, validation and autosave follow. */
  function replace(next: Form, options: { fromJson?: boolean } = {}) {
    const current = draft.value;
    if (!current) return;
    batch(() => {
      past.value = [...past.value.slice(-99), JSON.stringify(current)];
      future.value = [];
      draft.value = next;
      if (!options.fromJson) {
        jsonText.value = JSON.stringify(next, null, 2);
        jsonError.value = null;
      }
      saveState.value = 'dirty';
    });
    schedule();
  }

  function setAt(path: Path, value: unknown) {
    const next = structuredClone(draft.value!) as Record<string | number, unknown>;
    let node: Record<string | number, unknown> = next;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i]!;
      if (node[key] === undefined || node[key] === null || typeof node[key] !== 'object') node[key] = typeof path[i + 1] === 'number' ? [] : {};
      node = node[key] as Record<string | number, unknown>;
    }
    const last = path[path.length - 1]!;
    if (value === undefined || value === '') {
      if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
      else delete node[last];
    } else node[last] = value;
    replace(next as Form);
  }

  function getAt(path: Path): unknown {
    let node: unknown = draft.value;
    for (const key of path) node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
    return node;
  }

  function setJson(text: string) {
    jsonText.value = text;
    try {
      const parsed = JSON.parse(text);
      jsonError.value = null;
      replace(parsed, { fromJson: true });
    } catch (error) {
      jsonError.value = error instanceof Error ? error.message : String(error);
    }
  }

  function move(from: typeof past, to: typeof future) {
    const previous = from.value.at(-1);
    if (!previous || !draft.value) return;
    batch(() => {
      to.value = [...to.value, JSON.stringify(draft.value)];
      from.value = from.value.slice(0, -1);
      draft.value = JSON.parse(previous);
      jsonText.value = JSON.stringify(draft.value, null, 2);
      saveState.value = 'dirty';
    });
    schedule();
  }

  function schedule() {
    clearTimeout(validateTimer);
    clearTimeout(saveTimer);
    validateTimer = setTimeout(() => void validate(), VALIDATE_MS);
    saveTimer = setTimeout(() => void save(), AUTOSAVE_MS);
  }

  async function validate() {
    const mine = ++validateSeq;
    const r = await api<{ issues: Issue[] }>('POST', `/sites/${site}/validate`, { form: draft.value, id: formId });
    if (mine === validateSeq) issues.value = r.issues;
  }

  async function save(force = false): Promise<boolean> {
    clearTimeout(saveTimer);
    if (saveState.value === 'conflict' && !force) return false;
    if (saveState.value === 'saved' && !force) return true;
    saveState.value = 'saving';
    try {
      const { form } = await api<{ form: FormDetail }>('PUT', `/sites/${site}/forms/${formId}/draft`, force ? { draft: draft.value, force: true } : { draft: draft.value, rev: rev.value });
      batch(() => {
        rev.value = form.rev;
        detail.value = form;
        issues.value = form.issues;
        conflict.value = null;
        // Edits made while saving are saved next.
        saveState.value = JSON.stringify(form.draft) === JSON.stringify(draft.value) ? 'saved' : 'dirty';
      });
      if (saveState.peek() === 'dirty') schedule();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'conflict') {
        batch(() => {
          conflict.value = error.body.current as FormDetail;
          saveState.value = 'conflict';
        });
        return false;
      }
      saveState.value = 'error';
      throw error;
    }
  }

  function reloadTheirs() {
    const theirs = conflict.value;
    if (!theirs) return;
    batch(() => {
      accept(theirs);
      conflict.value = null;
      saveState.value = 'saved';
      past.value = [];
      future.value = [];
    });
  }

  async function overwrite() {
    conflict.value = null;
    saveState.value = 'dirty';
    await save(true);
  }

  /** A signed link showing the draft on the real site for an hour (saved first, so it shows what is on screen). */
  const previewLink = signal<{ url: string; expiresAt: number } | null>(null);
  async function makePreviewLink(): Promise<void> {
    await save();
    previewLink.value = await api<{ url: string; expiresAt: number }>('POST', `/sites/${site}/forms/${formId}/preview-link`, {});
  }

  async function publish(at?: string): Promise<number | null> {
    publishing.value = true;
    problems.value = null;
    try {
      if (!(await save())) return null;
      const r = await api<{ version: number; form: FormDetail }>('POST', `/sites/${site}/forms/${formId}/publish`, at ? { at } : {});
      detail.value = r.form;
      live.value = r.form.liveVersion;
      await loadVersions();
      return r.version;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'publish_refused') {
        problems.value = (error.body.problems as string[]) ?? [error.message];
        return null;
      }
      throw error;
    } finally {
      publishing.value = false;
    }
  }

  async function makeLive(version: number) {
    const r = await api<{ form: FormDetail }>('POST', `/sites/${site}/forms/${formId}/live`, { version });
    detail.value = r.form;
    live.value = r.form.liveVersion;
    await loadVersions();
  }

  async function end() {
    const r = await api<{ form: FormDetail }>('POST', `/sites/${site}/forms/${formId}/end`, {});
    detail.value = r.form;
    live.value = r.form.liveVersion;
  }

  async function compare(from: string, to: string) {
    const r = await api<{ lines: DiffLine[] }>('GET', `/sites/${site}/forms/${formId}/diff?from=${from}&to=${to}`);
    diff.value = { from, to, lines: r.lines };
  }

  async function previewed() {
    await api('POST', `/sites/${site}/forms/${formId}/previewed`, { lang: previewLang.value, device: device.value });
  }

  /** Issues to show next to the control editing `path`: its own, and those of the value it is part of. */
  function issuesAt(path: Path): Issue[] {
    const key = path.join('.');
    return issues.value.filter((i) => {
      const k = i.path.join('.');
      return k === key || (i.path.length === path.length - 1 && key.startsWith(`${k}.`) && typeof path.at(-1) === 'string' && /^[a-z]{2}/.test(String(path.at(-1))));
    });
  }

  return {
    site, formId, loaded, detail, draft, rev, saveState, conflict, issues, past, future, problems, publishing, versions, live, diff, jsonText, jsonError, previewLink, makePreviewLink,
    previewLang, previewStep, previewVariant, device, languages,
    load, setAt, getAt, setJson, replace, undo: () => move(past, future), redo: () => move(future, past), save, reloadTheirs, overwrite, publish, makeLive, end, compare, previewed, issuesAt,
  };
}

export type Editor = ReturnType<typeof createEditor>;
