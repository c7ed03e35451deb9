/**
 * The demo's Inlet config: one site, "shop", and its welcome form.
 * It is built in code because the allowed origin depends on the demo's port.
 */
export function demoConfig(options: { storefrontOrigins: string[] }) {
  return {
    sites: {
      shop: { origins: options.storefrontOrigins },
    },
    forms: [
      {
        id: 'welcome',
        site: 'shop',
        layout: 'modal',
        languages: ['en', 'fr'],
        trigger: { any: [{ delay: 1 }] },
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
          },
          { success: { title: { en: 'Welcome aboard!', fr: 'Bienvenue !' }, coupon: 'WELCOME10' } },
        ],
      },
    ],
  };
}
