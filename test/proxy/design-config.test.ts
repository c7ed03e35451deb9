/** Design primitives are checked when the config loads: each refusal names the path and the fix. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../proxy/config/inlet-config.ts';
import { contrast, parseColour } from '../../proxy/config/contrast.ts';
import { TEMPLATE_ATTRIBUTES, TEMPLATES, templateForm } from '../../templates/index.ts';
import { SMS_GROUP, EMAIL_GROUP, oneSite } from './consent-fixtures.ts';

const steps = [{ fields: [{ name: 'email', type: 'email', required: true }] }];
const errorsOf = (formExtra: Record<string, unknown>, stepList: unknown[] = steps) => {
  try {
    parseConfig(oneSite({}, stepList, formExtra));
    return [];
  } catch (error) {
    return (error as { issues: string[] }).issues;
  }
};
const media = { src: '/img/shirts.webp', alt: 'Folded shirts', width: 600, height: 800, placement: 'start' };

describe('design primitives at config load', () => {
  it('accept every primitive with valid values', () => {
    expect(
      errorsOf(
        {
          theme: {
            accent: '#1f3d2b', accentText: '#fff', background: 'hsl(40 50% 97%)', text: 'rgb(31 29 26)', dark: { background: '#111', text: '#eee', accent: '#9fd' , accentText: '#000' },
            heading: { size: 'xl', weight: 800 }, body: { size: 's' }, button: 'pill', buttonCase: 'uppercase', close: 'start',
            overlay: { colour: 'rgb(0 0 0 / 50%)', blur: 4 }, animation: 'zoom', webFont: { family: 'Inter, sans-serif', url: 'https://fonts.example.com/inter.css' },
          },
          presentation: { media, labels: 'floating', requiredMark: 'word', progress: true, countdown: { minutes: 15 } },
        },
        [{ ...steps[0], legal: { text: 'We respect your inbox.', links: [{ label: 'Privacy', url: '/privacy' }] } }, { success: { coupon: 'WELCOME15', applyUrl: '/discount/{code}', cta: { label: 'Shop', url: 'https://shop.example.com/new' }, byConsent: { none: { title: 'Thanks' } } } }],
      ),
    ).toEqual([]);
  });

  it('refuse an image without alt text', () => {
    expect(errorsOf({ presentation: { media: { ...media, alt: ' ' } } })).toEqual(['forms[welcome].presentation.media.alt: alt text is required: describe the image, e.g. "Folded linen shirts in sand and olive"']);
    expect(errorsOf({ presentation: { media: { ...media, alt: { en: 'Shirts', fr: '' } } } })[0]).toMatch(/^forms\[welcome\]\.presentation\.media\.alt: alt text is required/);
    expect(errorsOf({ presentation: { media: { src: media.src, alt: 'x', placement: 'top' } } })).toEqual([
      'forms[welcome].presentation.media.width: Invalid input: expected number, received undefined',
      'forms[welcome].presentation.media.height: Invalid input: expected number, received undefined',
    ]);
  });

  it('refuse unreadable contrast, naming the pair, the ratio and the fix', () => {
    expect(errorsOf({ theme: { text: '#999999' } })).toEqual([
      'forms[welcome].theme.text: text would be hard to read: "text" #999999 on "background" #ffffff has a contrast of 2.85:1, under the 4.5:1 WCAG AA asks; make one of them darker or lighter',
    ]);
    expect(errorsOf({ theme: { accent: '#ffd36b' } })).toEqual([
      'forms[welcome].theme.accent: button text would be hard to read: "accentText" #ffffff on "accent" #ffd36b has a contrast of 1.42:1, under the 4.5:1 WCAG AA asks; make one of them darker or lighter',
      'forms[welcome].theme.accent: the button would not stand out from the form: "accent" #ffd36b on "background" #ffffff has a contrast of 1.42:1, under the 3:1 WCAG AA asks; make one of them darker or lighter',
    ]);
    expect(errorsOf({ theme: { dark: { background: '#111111', text: '#444444' } } })[0]).toMatch(/^forms\[welcome\]\.theme\.dark\.text: text would be hard to read: "text" #444444 on "background" #111111/);
    expect(errorsOf({ theme: { button: 'outline', accent: '#7fbfa8' } })[0]).toMatch(/^forms\[welcome\]\.theme\.accent: the outline button's text would be hard to read/);
  });

  it('refuse text over a background image without an overlay that keeps it readable on any image', () => {
    expect(errorsOf({ theme: { text: '#ffffff', background: '#222222', accent: '#7fd1b0', accentText: '#000000' }, presentation: { media: { ...media, placement: 'background' } } })).toEqual([
      'forms[welcome].presentation.media.overlay: a background image needs an "overlay" colour so the text stays readable on any image, e.g. "rgb(0 0 0 / 60%)" with theme.text "#ffffff"',
    ]);
    expect(errorsOf({ theme: { text: '#ffffff', background: '#222222', accent: '#7fd1b0', accentText: '#000000' }, presentation: { media: { ...media, placement: 'background', overlay: 'rgb(0 0 0 / 20%)' } } })[0]).toMatch(/^forms\[welcome\]\.presentation\.media\.overlay: text over the image could be unreadable: with overlay rgb\(0 0 0 \/ 20%\) it reaches only/);
    expect(errorsOf({ theme: { text: '#ffffff', background: '#222222', accent: '#7fd1b0', accentText: '#000000' }, presentation: { media: { ...media, placement: 'background', overlay: 'rgb(0 0 0 / 70%)' } } })).toEqual([]);
  });

  it('refuse an unknown font source and colours whose contrast cannot be checked', () => {
    expect(errorsOf({ theme: { webFont: { family: 'Inter', url: 'http://fonts.example.com/inter.css' } } })).toEqual([
      'forms[welcome].theme.webFont.url: http: URLs are not allowed here; use an https:// URL or a site-relative path such as "/privacy"',
    ]);
    expect(errorsOf({ theme: { webFont: { family: 'Inter', url: 'ftp://fonts.example.com/inter.css' } } })[0]).toMatch(/webFont\.url: ftp: URLs are not allowed/);
    expect(errorsOf({ theme: { accent: 'rebeccapurple' } })[0]).toMatch(/^forms\[welcome\]\.theme\.accent: use a CSS colour such as "#0b6b50"/);
  });

  it('refuse javascript:, data: and http: URLs in links and media, anywhere in a form', () => {
    expect(errorsOf({ presentation: { media: { ...media, src: 'data:image/png;base64,AAAA' } } })).toEqual(['forms[welcome].presentation.media.src: data: URLs are not allowed here; use an https:// URL or a site-relative path such as "/privacy"']);
    expect(errorsOf({ theme: { image: 'http://cdn.example.com/a.jpg' } })).toEqual(['forms[welcome].theme.image: http: URLs are not allowed here; use an https:// URL or a site-relative path such as "/privacy"']);
    expect(errorsOf({}, [{ ...steps[0], legal: { links: [{ label: 'Privacy', url: 'javascript:alert(1)' }] } }])).toEqual([
      'forms[welcome].steps[0].legal.links[0].url: javascript: URLs are not allowed here; use an https:// URL or a site-relative path such as "/privacy"',
    ]);
    expect(errorsOf({}, [...steps, { success: { cta: { label: 'Go', url: '//evil.example.com' } } }])[0]).toMatch(/^forms\[welcome\]\.steps\[1\]\.success\.cta\.url: "\/\/evil\.example\.com" is not a URL/);
    const consent = { name: 'c', type: 'consent', channel: 'email', version: '1', disclosure: 'Send me news', links: [{ label: 'T', url: 'JavaScript:void(0)' }] };
    expect(errorsOf({}, [{ fields: [...steps[0]!.fields, consent] }]).filter((i) => i.includes('links'))).toEqual([
      'forms[welcome].steps[0].fields[1].links[0].url: javascript: URLs are not allowed here; use an https:// URL or a site-relative path such as "/privacy"',
    ]);
  });

  it('refuse an apply-coupon link without {code} and a countdown with neither or both ends', () => {
    expect(errorsOf({}, [...steps, { success: { coupon: 'A1', applyUrl: '/discount/A1' } }])).toEqual(['forms[welcome].steps[1].success.applyUrl: put "{code}" where the coupon goes, e.g. "/discount/{code}"']);
    expect(errorsOf({ presentation: { countdown: { minutes: 5, until: '2026-12-01T00:00:00Z' } } })).toEqual(['forms[welcome].presentation.countdown: set exactly one of "until" and "minutes"']);
  });
});

describe('contrast', () => {
  it('matches the WCAG reference ratios', () => {
    expect(contrast(parseColour('#000')!, parseColour('#fff')!)).toBeCloseTo(21, 5);
    expect(contrast(parseColour('#777')!, parseColour('white')!)).toBeCloseTo(4.48, 2);
    expect(contrast(parseColour('hsl(0 0% 100%)')!, parseColour('rgb(0,0,0)')!)).toBeCloseTo(21, 5);
  });
});

describe('templates', () => {
  it('number at least twelve, each in English and French, and all load as forms of one site', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(12);
    for (const t of TEMPLATES) expect(t.form.languages, t.form.id).toEqual(expect.arrayContaining(['en', 'fr']));
    const config = {
      sites: { shop: { origins: ['https://shop.example.com'], subscriptionGroups: { email: EMAIL_GROUP, sms: SMS_GROUP }, consent: { email: 'implicit', sms: 'explicit' }, attributes: TEMPLATE_ATTRIBUTES } },
      forms: TEMPLATES.map((t) => templateForm(t, 'shop')),
    };
    expect(parseConfig(config).forms.map((f) => f.id)).toEqual(TEMPLATES.map((t) => t.form.id));
  });
});
