/** The studio's own texts, in English and French; the choice is kept in localStorage. */
import { computed, signal } from '@preact/signals';

const en = {
  appName: 'Inlet studio', signIn: 'Sign in', signOut: 'Sign out', email: 'Email', password: 'Password', signInTitle: 'Sign in to Inlet studio',
  signInLead: 'Design, preview and publish your sign-up forms.', language: 'Language', site: 'Site', forms: 'Forms', activity: 'Activity', people: 'People',
  newForm: 'New form', formId: 'Form id', formIdHelp: 'Lowercase letters, digits and "-", e.g. "summer-sale".', fromTemplate: 'Start from', create: 'Create form', cancel: 'Cancel',
  duplicate: 'Duplicate', open: 'Open', status: 'Status', layout: 'Layout', lastPublish: 'Last publish', title: 'Title', never: 'Never',
  draft: 'Draft', live: 'Live', scheduled: 'Scheduled', ended: 'Ended', by: 'by', noForms: 'No forms yet. Create one from a template.',
  editor: 'Editor', json: 'JSON', versions: 'Versions', texts: 'Texts', fields: 'Fields', success: 'Success step', design: 'Layout and design', rules: 'Triggers and targeting',
  step: 'Step', body: 'Body', submit: 'Button', label: 'Label', placeholder: 'Placeholder', required: 'Required', fieldName: 'Field name', fieldType: 'Type',
  addField: 'Add field', remove: 'Remove', coupon: 'Coupon code', undo: 'Undo', redo: 'Redo', saved: 'All changes saved', saving: 'Saving…', unsaved: 'Unsaved changes',
  publish: 'Publish', publishing: 'Publishing…', publishAt: 'Publish later', endNow: 'Take off the site', problems: 'Publishing was refused', conflict: 'Someone else saved this form',
  reload: 'Load their version', overwrite: 'Keep mine and overwrite', preview: 'Preview', desktop: 'Desktop', mobile: 'Mobile', variant: 'Variant', noVariant: 'Base form',
  version: 'Version', makeLive: 'Make live', compare: 'Compare with live', isLive: 'Live now', diffTitle: 'Changes', noDiff: 'No differences.', added: 'Added', removed: 'Removed', changed: 'Changed',
  when: 'When', who: 'Who', what: 'What', formCol: 'Form', delivery: 'Delivery', accepted: 'Accepted', delivered: 'Delivered', deadLettered: 'Dead letters', queue: 'In queue',
  deadLetters: 'Dead letters', reason: 'Reason', replay: 'Replay', drop: 'Drop', none: 'None.', role: 'Role', viewer: 'Viewer', editorRole: 'Editor', publisher: 'Publisher',
  addPerson: 'Add person', name: 'Name', firstPassword: 'First password', add: 'Add', readOnly: 'You can view this form; an editor can change it.',
  errorsCount: '{n} problem(s) to fix before publishing', noErrors: 'Ready to publish', jsonHelp: 'The whole form as JSON. Changes apply as you type when the JSON is valid.',
  invalidJson: 'This is not valid JSON yet: {message}', rulesHelp: 'Each part as JSON; see the targeting reference.', back: 'All forms', schedulePlaceholder: 'Date and time',
  publishedVersion: 'Version {v} is live.', rolledBack: 'Version {v} is live again.', skip: 'Skip to content', editingLang: 'Texts in', statusOf: 'Save status',
  successTitle: 'Success title', successBody: 'Success message',
  previewOnSite: 'Preview on the site', previewLinkReady: 'Anyone with this link sees the draft on your site until {time}; nothing they do is recorded.', openPreview: 'Open the preview',
  results: 'Results', resultsPending: 'Results (views, sign-ups, conversion per variant) appear here once analytics is connected.',
  trigger: 'Trigger', target: 'Targeting', frequency: 'Frequency', schedule: 'Schedule', variants: 'Variants', holdout: 'Holdout share', offer: 'Offer (codes, wheel)', languages: 'Languages', position: 'Position',
} as const;

export type StringKey = keyof typeof en;

const fr: Record<StringKey, string> = {
  appName: 'Inlet studio', signIn: 'Se connecter', signOut: 'Se déconnecter', email: 'E-mail', password: 'Mot de passe', signInTitle: 'Connexion à Inlet studio',
  signInLead: 'Créez, prévisualisez et publiez vos formulaires d\u2019inscription.', language: 'Langue', site: 'Site', forms: 'Formulaires', activity: 'Activité', people: 'Équipe',
  newForm: 'Nouveau formulaire', formId: 'Identifiant', formIdHelp: 'Minuscules, chiffres et « - », par ex. « soldes-ete ».', fromTemplate: 'Partir de', create: 'Créer', cancel: 'Annuler',
  duplicate: 'Dupliquer', open: 'Ouvrir', status: 'Statut', layout: 'Format', lastPublish: 'Dernière publication', title: 'Titre', never: 'Jamais',
  draft: 'Brouillon', live: 'En ligne', scheduled: 'Programmé', ended: 'Terminé', by: 'par', noForms: 'Aucun formulaire. Créez-en un à partir d\u2019un modèle.',
  editor: 'Éditeur', json: 'JSON', versions: 'Versions', texts: 'Textes', fields: 'Champs', success: 'Étape de succès', design: 'Format et design', rules: 'Déclencheurs et ciblage',
  step: 'Étape', body: 'Texte', submit: 'Bouton', label: 'Libellé', placeholder: 'Texte indicatif', required: 'Obligatoire', fieldName: 'Nom du champ', fieldType: 'Type',
  addField: 'Ajouter un champ', remove: 'Retirer', coupon: 'Code promo', undo: 'Annuler', redo: 'Rétablir', saved: 'Modifications enregistrées', saving: 'Enregistrement…', unsaved: 'Modifications non enregistrées',
  publish: 'Publier', publishing: 'Publication…', publishAt: 'Publier plus tard', endNow: 'Retirer du site', problems: 'Publication refusée', conflict: 'Quelqu\u2019un d\u2019autre a enregistré ce formulaire',
  reload: 'Charger sa version', overwrite: 'Garder la mienne et écraser', preview: 'Aperçu', desktop: 'Ordinateur', mobile: 'Mobile', variant: 'Variante', noVariant: 'Formulaire de base',
  version: 'Version', makeLive: 'Mettre en ligne', compare: 'Comparer à la version en ligne', isLive: 'En ligne', diffTitle: 'Modifications', noDiff: 'Aucune différence.', added: 'Ajouté', removed: 'Retiré', changed: 'Modifié',
  when: 'Quand', who: 'Qui', what: 'Quoi', formCol: 'Formulaire', delivery: 'Livraison', accepted: 'Acceptées', delivered: 'Livrées', deadLettered: 'Rejets', queue: 'En file',
  deadLetters: 'Rejets définitifs', reason: 'Raison', replay: 'Renvoyer', drop: 'Supprimer', none: 'Aucun.', role: 'Rôle', viewer: 'Lecteur', editorRole: 'Éditeur', publisher: 'Publieur',
  addPerson: 'Ajouter une personne', name: 'Nom', firstPassword: 'Mot de passe initial', add: 'Ajouter', readOnly: 'Vous pouvez consulter ce formulaire ; un éditeur peut le modifier.',
  errorsCount: '{n} problème(s) à corriger avant publication', noErrors: 'Prêt à publier', jsonHelp: 'Le formulaire complet en JSON. Les modifications s\u2019appliquent dès que le JSON est valide.',
  invalidJson: 'Ce JSON n\u2019est pas encore valide : {message}', rulesHelp: 'Chaque partie en JSON ; voir la référence du ciblage.', back: 'Tous les formulaires', schedulePlaceholder: 'Date et heure',
  publishedVersion: 'La version {v} est en ligne.', rolledBack: 'La version {v} est de nouveau en ligne.', skip: 'Aller au contenu', editingLang: 'Textes en', statusOf: 'État de l\u2019enregistrement',
  successTitle: 'Titre de succès', successBody: 'Message de succès',
  previewOnSite: 'Aperçu sur le site', previewLinkReady: 'Toute personne ayant ce lien voit le brouillon sur votre site jusqu\u2019à {time} ; rien de ce qu\u2019elle fait n\u2019est enregistré.', openPreview: 'Ouvrir l\u2019aperçu',
  results: 'Résultats', resultsPending: 'Les résultats (vues, inscriptions, conversion par variante) apparaîtront ici une fois l\u2019analytique branchée.',
  trigger: 'Déclencheur', target: 'Ciblage', frequency: 'Fréquence', schedule: 'Calendrier', variants: 'Variantes', holdout: 'Part du groupe témoin', offer: 'Offre (codes, roue)', languages: 'Langues', position: 'Position',
};

export const STRINGS = { en, fr } as const;
export type Lang = keyof typeof STRINGS;

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('inlet-studio-lang') : null;
export const lang = signal<Lang>(stored === 'fr' || stored === 'en' ? stored : navigator.language?.startsWith('fr') ? 'fr' : 'en');

export function setLang(next: Lang): void {
  lang.value = next;
  localStorage.setItem('inlet-studio-lang', next);
  document.documentElement.lang = next;
}

export const strings = computed(() => STRINGS[lang.value]);

export function t(key: StringKey, vars: Record<string, string | number> = {}): string {
  return strings.value[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

export function formatDate(ms: number | null | undefined): string {
  if (!ms) return t('never');
  return new Intl.DateTimeFormat(lang.value, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}
