/**
 * Checks that need a form and its site together: attribute targets and types, consent fields
 * (consent/rules.ts, beside the consent table), and where identity fields may sit. They run when the
 * config is parsed, so a bad form stops the proxy at start-up instead of failing a visitor.
 */
import type { Field, FieldsStep, FormConfig } from './form-schema.ts';
import type { SiteConfig } from './site-schema.ts';
import { checkFormOffer } from './offer-rules.ts';
import { formConsentRefusals } from '../consent/rules.ts';
import { CONTEXT_ATTRIBUTES, DEDICATED_ATTRIBUTES, FIELD_VALUE_TYPE, RESERVED_ATTRIBUTES, STANDARD_ATTRIBUTES, type CustomType } from './braze-attributes.ts';

export interface RuleIssue {
  path: (string | number)[];
  message: string;
}

type Located = { field: Field; step: number; index: number };

/** The Braze attribute a field writes, or undefined for fields that write none (consent) or a dedicated one. */
export function attributeOf(field: Field): string | undefined {
  if (!('attribute' in field) && !(field.type in FIELD_VALUE_TYPE)) return undefined;
  return ('attribute' in field && field.attribute) || field.name;
}

/** Custom attribute types a site writes: the declared ones and those its `context` setting implies. */
export function customAttributeTypes(site: Pick<SiteConfig, 'attributes' | 'context'>): Map<string, CustomType> {
  const types = new Map<string, CustomType>();
  for (const key of site.context) for (const [name, type] of Object.entries(CONTEXT_ATTRIBUTES[key])) types.set(name, type);
  for (const [name, spec] of Object.entries(site.attributes)) types.set(name, spec.type as CustomType);
  return types;
}

export function checkForm(form: FormConfig, site: SiteConfig, siteId: string): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const fieldSteps = form.steps.map((step, i) => ['fields' in step ? (step as FieldsStep) : undefined, i] as const).filter((s): s is readonly [FieldsStep, number] => s[0] !== undefined);
  const all: Located[] = fieldSteps.flatMap(([step, s]) => step.fields.map((field, index) => ({ field, step: s, index })));
  const at = (f: Located, ...rest: (string | number)[]) => ['steps', f.step, 'fields', f.index, ...rest];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });

  if (fieldSteps.length === 0) add(['steps'], 'a form needs at least one step with fields');
  const names = new Map<string, Located>();
  for (const f of all) {
    if (names.has(f.field.name)) add(at(f, 'name'), `field name "${f.field.name}" is already used in this form; names must be unique across all steps`);
    names.set(f.field.name, f);
  }

  checkAttributes(all, site, siteId, at, add);
  checkIdentityFields(all, fieldSteps[0]?.[1], site, siteId, at, add);
  // The consent refusals live beside the consent table (consent/rules.ts).
  for (const refusal of formConsentRefusals(all, site, siteId)) add(refusal.path, refusal.message);
  checkFormOffer(form, site, siteId, add);
  return issues;
}

function checkAttributes(all: Located[], site: SiteConfig, siteId: string, at: (f: Located, ...r: (string | number)[]) => (string | number)[], add: (p: (string | number)[], m: string) => void) {
  const custom = customAttributeTypes(site);
  const written = new Map<string, Located>();
  for (const f of all) {
    const target = attributeOf(f.field);
    const valueType = FIELD_VALUE_TYPE[f.field.type];
    if (target === undefined || valueType === undefined) continue;
    const path = at(f, 'attribute' in f.field && f.field.attribute ? 'attribute' : 'name');
    const previous = written.get(target);
    if (previous) add(path, `attribute "${target}" is already written by field "${previous.field.name}"; map each attribute from one field only`);
    written.set(target, f);
    const dedicated = DEDICATED_ATTRIBUTES[target];
    if (dedicated) {
      add(path, `"${target}" is written by a field of type "${dedicated}" only (it checks the format Braze expects); change this field's type or its attribute`);
      continue;
    }
    if (RESERVED_ATTRIBUTES.has(target)) {
      add(path, `"${target}" is reserved by Braze and cannot be written from a form; map the field to another attribute`);
      continue;
    }
    const expected = STANDARD_ATTRIBUTES[target] ?? custom.get(target);
    if (expected === undefined) {
      add(path, `attribute "${target}" is not a Braze standard attribute and is not declared in sites.${siteId}.attributes; declare it there (e.g. "${target}": { "type": "${valueType}" }) or set "attribute"`);
    } else if (expected !== valueType) {
      add(path, `"${target}" expects type ${expected}, got ${valueType} (a "${f.field.type}" field); use a matching field type or map it to another attribute`);
    }
  }
}

function checkIdentityFields(all: Located[], firstStep: number | undefined, site: SiteConfig, siteId: string, at: (f: Located, ...r: (string | number)[]) => (string | number)[], add: (p: (string | number)[], m: string) => void) {
  const emails = all.filter((f) => f.field.type === 'email');
  const phones = all.filter((f) => f.field.type === 'phone');
  for (const extra of emails.slice(1)) add(at(extra, 'type'), 'a form has at most one email field');
  for (const extra of phones.slice(1)) add(at(extra, 'type'), 'a form has at most one phone field');
  for (const email of emails) {
    if (email.step !== firstStep) {
      add(at(email, 'type'), 'put the email field in the first step: it identifies the visitor in Braze, and an email added after that would create a second profile');
    }
  }
  const firstHasIdentity = all.some((f) => f.step === firstStep && (f.field.type === 'email' || f.field.type === 'phone'));
  if (!firstHasIdentity && !site.identity && firstStep !== undefined) {
    add(['steps', firstStep, 'fields'], `the first step asks for neither an email nor a phone, so visitors can only be identified by a signed external_id; add an email or phone field, or set sites.${siteId}.identity.signingSecret`);
  }
}

