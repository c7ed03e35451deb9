/**
 * The demo's Inlet config: one site, "shop", its welcome form, an SMS club form shown on demand
 * (`inlet('show', 'sms-club')`), and every gallery template as `tpl-<id>`, also on demand (the
 * storefront's /gallery.html opens them). It is built in code because the allowed origin depends on the demo's port.
 */
import { SANDBOX_EMAIL_GROUP, SANDBOX_SMS_GROUP } from './sandbox/index.ts';
import { TEMPLATE_ATTRIBUTES, TEMPLATES, templateForm } from '../templates/index.ts';

export function demoConfig(options: { storefrontOrigins: string[] }) {
  return {
    sites: {
      shop: {
        origins: options.storefrontOrigins,
        // The sandbox's built-in groups; with real Braze, copy yours from Audience › Subscriptions.
        subscriptionGroups: { email: SANDBOX_EMAIL_GROUP, sms: SANDBOX_SMS_GROUP },
        consent: { email: 'implicit', sms: 'explicit', smsDoubleOptIn: false },
        attributes: { ...TEMPLATE_ATTRIBUTES },
        context: ['utm', 'landing_page', 'visits'],
        // Browser tests fill the demo form in a few milliseconds, as a bot would; production keeps the 800 ms default.
        botProtection: { minFillMs: 0 },
      },
    },
    forms: [
      {
        id: 'welcome',
        site: 'shop',
        layout: 'modal',
        languages: ['en', 'fr'],
        // The storefront's tag manager sees inlet_show / inlet_submit / inlet_close in window.dataLayer (presentation.dataLayer).
        trigger: { any: [{ delay: 1 }] },
        // The gallery opens templates itself; the welcome pop-up would cover them.
        target: { not: { path: { glob: '/gallery*' } } },
        // The look of the gallery's split-image template, in the storefront's colours (docs/design.md).
        theme: {
          accent: '#1f3d2b',
          accentText: '#ffffff',
          background: '#fbf8f3',
          text: '#1f1d1a',
          radius: 16,
          heading: { size: 'xl', weight: 800 },
          button: 'filled',
          buttonCase: 'uppercase',
          animation: 'zoom',
          overlay: { colour: 'rgb(31 29 26 / 55%)', blur: 3 },
        },
        presentation: {
          dataLayer: true,
          media: {
            src: '/templates/images/sneaker.svg',
            alt: { en: 'A trail running shoe in forest green', fr: 'Une chaussure de trail vert forêt' },
            width: 600,
            height: 800,
            placement: 'start',
            mobile: 'crop',
          },
          labels: 'floating',
        },
        steps: [
          {
            text: {
              title: { en: '10% off your first order', fr: '-10 % sur votre première commande' },
              body: { en: 'Join the list for new arrivals and member offers.', fr: 'Inscrivez-vous pour les nouveautés et les offres membres.' },
              submit: { en: 'Sign me up', fr: "Je m'inscris" },
            },
            fields: [
              { name: 'email', type: 'email', required: true, label: { en: 'Email', fr: 'E-mail' } },
              { name: 'first_name', type: 'text', attribute: 'first_name', label: { en: 'First name', fr: 'Prénom' } },
            ],
            legal: {
              text: { en: 'We respect your inbox. Unsubscribe anytime.', fr: 'Nous respectons votre boîte mail. Désinscription à tout moment.' },
              links: [{ label: { en: 'Privacy policy', fr: 'Confidentialité' }, url: '/privacy' }],
            },
          },
          {
            success: {
              title: { en: 'Welcome aboard!', fr: 'Bienvenue !' },
              body: { en: 'Use this code at checkout. It is on its way to your inbox too.', fr: 'Utilisez ce code au paiement. Il arrive aussi dans votre boîte mail.' },
              coupon: 'WELCOME10',
              applyUrl: '/discount/{code}',
            },
          },
        ],
      },
      {
        id: 'sms-club',
        site: 'shop',
        layout: 'modal',
        languages: ['en', 'fr'],
        steps: [
          {
            text: { title: { en: 'Join the club', fr: 'Rejoignez le club' }, submit: { en: 'Next', fr: 'Suivant' } },
            fields: [
              { name: 'email', type: 'email', required: true, label: { en: 'Email', fr: 'E-mail' } },
              { name: 'interests', type: 'choices', options: ['running', 'trail', 'hiking'], label: { en: 'You like', fr: 'Vous aimez' } },
            ],
          },
          {
            text: { title: { en: 'Early access by text?', fr: 'Accès anticipé par SMS ?' }, submit: { en: 'Finish', fr: 'Terminer' } },
            fields: [
              { name: 'phone', type: 'phone', defaultCountry: 'FR', label: { en: 'Mobile', fr: 'Mobile' } },
              {
                name: 'sms_consent',
                type: 'consent',
                channel: 'sms',
                version: '2026-04',
                disclosure: {
                  en: 'Yes, text me offers and early access at this number. Up to 4 messages a month. Reply STOP to cancel.',
                  fr: "Oui, envoyez-moi des offres et l'accès anticipé par SMS à ce numéro. Jusqu'à 4 messages par mois. Répondez STOP pour arrêter.",
                },
              },
            ],
          },
          {
            success: {
              title: { en: 'You are in!', fr: 'Bienvenue au club !' },
              // Only a visitor who ticked the SMS box joined by text; the others read what really happened.
              byConsent: { none: { title: { en: 'You are on the email list', fr: 'Vous êtes inscrit par e-mail' }, body: { en: 'No texts for now: you can join SMS at any time.', fr: "Pas de SMS pour l'instant : vous pourrez vous inscrire plus tard." } } },
            },
          },
        ],
      },
      ...TEMPLATES.map((t) => templateForm(t, 'shop', { id: `tpl-${t.form.id}`, trigger: false })),
    ],
  };
}

/** The custom attributes the demo config writes, as a Braze workspace would declare them. */
export const DEMO_ATTRIBUTES = [
  ...['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'landing_page'].map((name) => ({ name, data_type: 'String' as const })),
  { name: 'visit_count', data_type: 'Number' as const },
  { name: 'interests', data_type: 'Array' as const },
  { name: 'waitlist_page', data_type: 'String' as const },
];

/** The demo config as `npm start` serves it (default ports), for `npm run check`. */
export default demoConfig({ storefrontOrigins: ['http://127.0.0.1:8080', 'http://localhost:8080'] });
