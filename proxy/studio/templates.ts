/**
 * Where the studio's templates come from, in one place: the gallery is read through `listTemplates`.
 * Today the templates are the forms of the file config (in the demo, demo/inlet.config.ts) plus a
 * blank form; a gallery of template files replaces the body of this module without touching callers.
 */
export interface Template {
  id: string;
  name: string;
  layout: string;
  /** The form config minus `id` and `site`, which the new form gets. */
  form: Record<string, unknown>;
}

export const BLANK: Template = {
  id: 'blank',
  name: 'Blank form',
  layout: 'modal',
  form: {
    layout: 'modal',
    languages: ['en', 'fr'],
    steps: [
      { text: { title: { en: 'Join our list', fr: 'Inscrivez-vous' }, submit: { en: 'Subscribe', fr: "S'inscrire" } }, fields: [{ name: 'email', type: 'email', required: true, label: { en: 'Email', fr: 'E-mail' } }] },
      { success: { title: { en: 'Thank you!', fr: 'Merci !' } } },
    ],
  },
};

export function listTemplates(seedForms: readonly Record<string, unknown>[]): Template[] {
  const fromConfig = seedForms.map((f) => {
    const { id, site: _site, ...form } = f as { id: string; site: string; layout?: string };
    return { id: `config-${id}`, name: titleOf(f) || id, layout: form.layout ?? 'modal', form };
  });
  return [...fromConfig, BLANK];
}

function titleOf(form: Record<string, unknown>): string {
  const step = (form.steps as { text?: { title?: Record<string, string> | string } }[] | undefined)?.[0];
  const title = step?.text?.title;
  return typeof title === 'string' ? title : (title?.en ?? Object.values(title ?? {})[0] ?? '');
}
