/**
 * The template gallery: form configs a marketer starts from, as data that the demo, the tests and
 * the studio all read. Each template is a JSON file (`form` is a form config without its `site`);
 * its images are in ./images/, referenced as site-relative paths (`/templates/images/…`): copy them
 * to your site, or point `presentation.media.src` at your own https image.
 */
import welcomeSplit from './welcome-split.json' with { type: 'json' };
import fullBleed from './full-bleed.json' with { type: 'json' };
import minimal from './minimal.json' with { type: 'json' };
import newsletterBar from './newsletter-bar.json' with { type: 'json' };
import slideInImage from './slide-in-image.json' with { type: 'json' };
import emailSms from './email-sms.json' with { type: 'json' };
import quiz from './quiz.json' with { type: 'json' };
import birthday from './birthday.json' with { type: 'json' };
import backInStock from './back-in-stock.json' with { type: 'json' };
import exitIntent from './exit-intent.json' with { type: 'json' };
import fullscreenMobile from './fullscreen-mobile.json' with { type: 'json' };
import inlineFooter from './inline-footer.json' with { type: 'json' };
import teaserTab from './teaser-tab.json' with { type: 'json' };
import spinToWin from './spin-to-win.json' with { type: 'json' };

export interface Template {
  name: Record<string, string>;
  description: string;
  /** A form config without `site`; `form.id` is the template's id. */
  form: { id: string; layout: string; languages: string[]; [key: string]: unknown };
}

export const TEMPLATES: readonly Template[] = [
  welcomeSplit,
  fullBleed,
  minimal,
  newsletterBar,
  slideInImage,
  emailSms,
  quiz,
  birthday,
  backInStock,
  exitIntent,
  fullscreenMobile,
  inlineFooter,
  teaserTab,
  spinToWin,
] as Template[];

/** What a site needs declared for every template to load: the custom attributes some of them write. */
export const TEMPLATE_ATTRIBUTES = { interests: { type: 'string[]', mode: 'add' }, waitlist_page: { type: 'string' } } as const;

/**
 * A template as a form of `site`. `id` defaults to the template's; `trigger: false` drops its
 * trigger so it opens only on `inlet('show', id)` (a gallery, a preview).
 */
export function templateForm(template: Template, site: string, options: { id?: string; trigger?: boolean } = {}): Record<string, unknown> {
  const { trigger, ...form } = template.form as Template['form'] & { trigger?: unknown };
  return { ...structuredClone(form), id: options.id ?? form.id, site, ...(options.trigger === false || !trigger ? {} : { trigger: structuredClone(trigger) }) };
}
