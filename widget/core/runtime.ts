/**
 * The loader's brain, shared by the classic script (`inlet.js`) and the ES module entry:
 * fetches the manifest, decides which form may show (targeting, schedule, frequency), arms its
 * triggers, and loads the UI chunk only when one fires. One form at a time, once per page view.
 */
import type { MountedForm, MountOptions, PublishedForm, UiModule } from '../types.ts';
import { fetchManifest } from './manifest.ts';
import { countPageView, createStore, type FormRecord, type VisitorState } from './store.ts';
import type { Frequency } from '../../proxy/config/targeting-schema.ts';
import { inSchedule, matches } from './targeting.ts';
import { armTriggers, type Off } from './triggers.ts';
import { HOLDOUT, pickVariant } from './variants.ts';
import { beacon } from './beacon.ts';
import { watchRoutes } from './routes.ts';
import { watchPending } from './outbox.ts';

export interface RuntimeOptions {
  api: string;
  site: string;
  nonce?: string;
  loadUi: () => Promise<UiModule>;
  /** Keep no client state (nothing in any storage) until `inlet('consent', true)`; memory only until then. */
  requireConsent?: boolean;
}

export type Command = [name: string, ...args: unknown[]];

export interface Runtime {
  call(command: Command): void;
  start(): Promise<void>;
}

const DAY = 864e5;

export function createRuntime(options: RuntimeOptions): Runtime {
  const forms: PublishedForm[] = [];
  const props: Record<string, unknown> = {};
  const key = 'inlet:' + options.site;
  const store = createStore(key, !options.requireConsent);
  // `?inlet_preview=<form id>` shows that form now and records nothing. With the studio's signed
  // `&inlet_preview_token=` (docs/studio.md, "Preview on the live site") everything the widget fetches
  // or sends goes under the proxy's preview prefix, which serves the draft and keeps nothing.
  const query = new URLSearchParams(location.search);
  const preview = query.get('inlet_preview');
  const token = query.get('inlet_preview_token');
  if (token) options.api += '/v1/preview/' + token;
  let identity: MountOptions['identity'];
  let disarm: Off[] = [];
  let open: MountedForm | undefined;
  /** A form was shown on this page view: no other trigger fires until the next one. */
  let shown = false;
  let page = Date.now();
  let ready: Promise<void> | undefined;

  // Comparisons with a missing record or setting are false, so absent means "no limit".
  const eligible = (form: PublishedForm, state: VisitorState) => {
    const seen: FormRecord = state.f[form.id] ?? {};
    const q: Partial<Frequency> = form.frequency;
    try {
      return (
        !(q.hideAfterSubmit && (q.hideAfterSubmit == 'site' ? state : seen).d) &&
        !(seen.s! >= q.maxShows!) &&
        !(seen.c! > Date.now() - q.afterCloseDays! * DAY) &&
        (!form.schedule || inSchedule(form.schedule)) &&
        (!form.target || matches(form.target, { state, props, form: form.id }))
      );
    } catch {
      return false;
    }
  };

  /** Analytics events (never in a preview); the random id goes only when storage is allowed. The UI chunk batches into it. */
  const send = (...events: object[]) => preview || beacon(options.api, { site: options.site, visitor: store.ok() ? store.get().id : undefined, path: location.pathname, events });

  const record = (id: string, change: (seen: FormRecord, state: VisitorState) => void) => preview || store.set((state) => change((state.f[id] ??= {}), state));

  /** Re-arms the triggers of every form that may show now; pending ones of the others are cancelled. */
  const evaluate = () => {
    disarm.forEach((off) => off());
    disarm = [];
    if (shown || preview) return;
    const state = store.get();
    for (const form of forms) {
      if (eligible(form, state)) disarm.push(armTriggers(pickVariant(form, state.id, store.ok())[0].trigger?.any ?? [], page, state, () => call(['show', form.id, 0])));
    }
  };

  const view = (pageView: boolean) => {
    if (pageView) {
      page = Date.now();
      shown = false;
      store.set((state) => {
        const pages = state.t && state.c.pages_per_session;
        const started = state.s;
        countPageView(state, page);
        // Once per visit, for visitors assigned in the last 30 days: the influenced metrics' only input.
        if (pages && state.s != started && state.a! > page - 30 * DAY) send({ name: 'visit', pages, started });
      });
    }
    evaluate();
  };

  /** `force`: the page or a preview asked for this form, so triggers, targeting and frequency do not apply. */
  async function show(id: unknown, force: unknown = 1) {
    await ready;
    const form = forms.find((f) => f.id == id);
    const state = store.get();
    if (!form || open || !(force || (!shown && eligible(form, state)))) return;
    shown = true;
    evaluate();
    const experiment = store.ok();
    const [variant, variantId] = pickVariant(form, state.id, experiment);
    const version = form.version || 1;
    send({ name: 'assigned', form: form.id, version, variant: variantId });
    record(form.id, (_, s) => (s.a = Date.now()));
    if (variantId == HOLDOUT) return;
    // Claimed before the chunk arrives, so a second trigger cannot open a second form.
    open = {} as MountedForm;
    record(form.id, (seen) => (seen.s = -~seen.s!));
    open = (
      // No caching needed: the browser's module map keeps a loaded chunk (and retries a failed one).
      await options.loadUi().catch((error) => {
        open = undefined;
        throw error;
      })
    ).mount(variant, {
      ...options,
      variant: variantId,
      version,
      visitor: experiment ? state.id : undefined,
      preview: !!preview,
      context: state.c,
      identity,
      beacon: send,
      onClose() {
        open = undefined;
        record(form.id, (seen) => (seen.c = Date.now()));
      },
      onEvent(type) {
        if (type == 'submit') record(form.id, (seen, s) => (s.d = seen.d = Date.now()));
      },
    });
  }

  const commands: Record<string, (...args: any[]) => unknown> = {
    show,
    hide: () => open?.close?.(),
    set: (values: object) => (Object.assign(props, values), forms[0] && evaluate()),
    identify: (who: MountOptions['identity']) => (identity = who),
    // The listener gets the CustomEvent the UI dispatched; its `detail` holds the form, variant and step.
    on: (name: string, listener: EventListener) => addEventListener('inlet:' + name, listener),
    // Usually queued with the stub, so it applies before the page view is counted.
    consent: (granted: unknown) => (store.use(!!granted), forms[0] && evaluate()),
  };

  function call([name, ...args]: Command) {
    const command = commands[name];
    if (command) Promise.resolve(command(...args)).catch(report);
  }

  return {
    call,
    start() {
      // Sign-ups an earlier page could not hand to the proxy go first.
      if (!ready) watchPending(options.loadUi);
      ready ??= fetchManifest(options.api, options.site).then((manifest) => {
        forms.push(...manifest.forms);
        watchRoutes(view);
        // Another tab showed, closed or submitted: cancel what may no longer show here.
        addEventListener('storage', (e) => e.key == key && evaluate());
        view(true);
        if (preview) call(['show', preview]);
      });
      return ready.catch(report);
    },
  };
}

// The host page must never break because of us: log and carry on.
const report = (error: unknown) => console.warn(error);
