/**
 * The studio's template gallery: the 13 templates of templates/ (their names per language,
 * descriptions, layouts and languages, each with a thumbnail from docs/design/), then a blank form.
 * Their images and thumbnails are copied into the studio build (vite.config.ts, studio mode) and
 * served under `/studio/templates/`, so the preview frame and the gallery load them from the proxy
 * on every runtime. A template's form keeps its site-relative image paths (`/templates/images/…`):
 * the site serves those (docs/design.md); the preview maps them to the studio's copies.
 */
import { TEMPLATES, type Template as GalleryTemplate } from '../../templates/index.ts';

export interface Template {
  id: string;
  /** Per language (`en`, `fr`, …); the studio shows its own language, else English. */
  name: Record<string, string>;
  description: string;
  layout: string;
  languages: string[];
  /** A screenshot of the template, from the studio's own files; absent for the blank form. */
  thumbnail?: string;
  /** The form config minus `id` and `site`, which the new form gets. */
  form: Record<string, unknown>;
}

/** Where the studio build puts the templates' files (vite.config.ts copies them there). */
export const TEMPLATE_FILES = '/studio/templates';

export const BLANK: Template = {
  id: 'blank',
  name: { en: 'Blank form', fr: 'Formulaire vierge' },
  description: 'One email field and a thank-you step, to build from scratch.',
  layout: 'modal',
  languages: ['en', 'fr'],
  form: {
    layout: 'modal',
    languages: ['en', 'fr'],
    steps: [
      { text: { title: { en: 'Join our list', fr: 'Inscrivez-vous' }, submit: { en: 'Subscribe', fr: "S'inscrire" } }, fields: [{ name: 'email', type: 'email', required: true, label: { en: 'Email', fr: 'E-mail' } }] },
      { success: { title: { en: 'Thank you!', fr: 'Merci !' } } },
    ],
  },
};

function fromGallery(template: GalleryTemplate): Template {
  const { id, ...form } = structuredClone(template.form);
  return {
    id,
    name: template.name,
    description: template.description,
    layout: template.form.layout,
    languages: template.form.languages,
    thumbnail: `${TEMPLATE_FILES}/thumbs/${id}.png`,
    form,
  };
}

export function listTemplates(): Template[] {
  return [...TEMPLATES.map(fromGallery), BLANK];
}
