/**
 * The form config: what marketers write and what is published to browsers.
 * Nothing here is secret; subscription groups and attribute types live in the site config.
 *
 * Values the widget sends per field type (the submission contract):
 *   email, text, choice, language, gender, country → string
 *   phone   → string as typed, or { number, country } when the form shows a country picker
 *   number  → number          date → "YYYY-MM-DD"      boolean, consent → boolean
 *   choices → string[]        hidden → string (the loader fills it from the page or visit)
 */
import * as z from 'zod';
import { LocalizedText } from './text.ts';
import { Layout, Presentation, Theme, checkOverlay } from './presentation-schema.ts';
import { SafeUrl } from './safe-url.ts';
import { Frequency, Rule, Schedule, TriggerGroup, Variants } from './targeting-schema.ts';
import { FormOffer } from './offer-schema.ts';

const FieldName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'field names are lowercase letters, digits and "_", starting with a letter (e.g. "first_name")');

const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'use an ISO 3166-1 alpha-2 country code such as "FR"');

/**
 * Braze attribute a field writes to: a standard one (`first_name`, `dob`, …) or a custom one
 * declared in the site config. Defaults to the field's name.
 */
const Attribute = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_ .-]{0,254}$/, 'attribute names are up to 255 letters, digits, "_", "-", "." or spaces').optional();

const Option = z.union([z.string().min(1).max(255), z.object({ value: z.string().min(1).max(255), label: LocalizedText.optional() }).strict()]);
export type Option = z.infer<typeof Option>;

const base = {
  name: FieldName,
  label: LocalizedText.optional(),
  placeholder: LocalizedText.optional(),
  help: LocalizedText.optional(),
  required: z.boolean().default(false),
};

export const EmailField = z.object({ ...base, type: z.literal('email') }).strict();
export const PhoneField = z
  .object({
    ...base,
    type: z.literal('phone'),
    /** Country assumed for numbers typed without a +prefix; else the visitor's locale/edge country. */
    defaultCountry: CountryCode.optional(),
    /** Countries offered in the picker; all when omitted. */
    countries: z.array(CountryCode).optional(),
  })
  .strict();
export const TextField = z
  .object({ ...base, type: z.literal('text'), attribute: Attribute, minLength: z.number().int().min(0).max(255).optional(), maxLength: z.number().int().min(1).max(255).default(255) })
  .strict();
export const NumberField = z
  .object({ ...base, type: z.literal('number'), attribute: Attribute, min: z.number().optional(), max: z.number().optional(), integer: z.boolean().default(false) })
  .strict();
export const DateField = z.object({ ...base, type: z.literal('date'), attribute: Attribute }).strict();
export const ChoiceField = z
  .object({ ...base, type: z.literal('choice'), attribute: Attribute, options: z.array(Option).min(1).max(100), display: z.enum(['radio', 'select']).default('radio') })
  .strict();
export const ChoicesField = z
  .object({
    ...base,
    type: z.literal('choices'),
    attribute: Attribute,
    options: z.array(Option).min(1).max(100),
    minSelected: z.number().int().min(0).optional(),
    maxSelected: z.number().int().min(1).optional(),
    /** A list of checkboxes, or chips in a row (quizzes, interests). */
    display: z.enum(['list', 'chips']).default('list'),
  })
  .strict();
export const BooleanField = z.object({ ...base, type: z.literal('boolean'), attribute: Attribute }).strict();
export const LanguageField = z.object({ ...base, type: z.literal('language'), options: z.array(z.string().regex(/^[a-z]{2}$/)).optional() }).strict();
export const GenderField = z.object({ ...base, type: z.literal('gender') }).strict();
export const CountryField = z.object({ ...base, type: z.literal('country'), options: z.array(CountryCode).optional() }).strict();
export const ConsentField = z
  .object({
    ...base,
    type: z.literal('consent'),
    channel: z.enum(['email', 'sms']),
    /** The exact legal text, shown in full next to the checkbox (never behind a link). */
    disclosure: LocalizedText,
    /** Marketer-chosen version of the disclosure; change it whenever the text changes. */
    version: z.string().min(1).max(64),
    links: z.array(z.object({ label: LocalizedText, url: SafeUrl }).strict()).max(4).optional(),
  })
  .strict();
export const HiddenField = z
  .object({
    name: FieldName,
    type: z.literal('hidden'),
    attribute: Attribute,
    /** Where the loader takes the value from. */
    source: z.enum(['page', 'referrer', 'landing_page', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'constant']),
    value: z.string().max(255).optional(),
  })
  .strict();

export const Field = z.discriminatedUnion('type', [
  EmailField,
  PhoneField,
  TextField,
  NumberField,
  DateField,
  ChoiceField,
  ChoicesField,
  BooleanField,
  LanguageField,
  GenderField,
  CountryField,
  ConsentField,
  HiddenField,
]);
export type Field = z.infer<typeof Field>;
export type FieldType = Field['type'];

export const StepText = z
  .object({
    title: LocalizedText.optional(),
    body: LocalizedText.optional(),
    submit: LocalizedText.optional(),
  })
  .strict();

const Link = z.object({ label: LocalizedText, url: SafeUrl }).strict();

/** A short line under the submit button (privacy, terms), followed by its links. */
const Legal = z.object({ text: LocalizedText.optional(), links: z.array(Link).max(4).optional() }).strict();

export const FieldsStep = z.object({ id: z.string().optional(), text: StepText.optional(), fields: z.array(Field).min(1), legal: Legal.optional() }).strict();

const SuccessText = z.object({ title: LocalizedText.optional(), body: LocalizedText.optional() }).strict();
export const SuccessStep = z
  .object({
    success: z
      .object({
        title: LocalizedText.optional(),
        body: LocalizedText.optional(),
        coupon: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'coupon codes are up to 64 letters, digits, "-" or "_"').optional(),
        /** A button that links on, e.g. to the new arrivals. */
        cta: Link.optional(),
        /** Link that applies the coupon at checkout; `{code}` is replaced, e.g. "/discount/{code}" on Shopify. */
        applyUrl: SafeUrl.refine((u) => u.includes('{code}'), 'put "{code}" where the coupon goes, e.g. "/discount/{code}"').optional(),
        /**
         * Texts that replace the title and body by what the visitor actually consented to in this form:
         * `sms` when they ticked an SMS consent box, else `email` for an email one, else `none`.
         */
        byConsent: z.object({ sms: SuccessText.optional(), email: SuccessText.optional(), none: SuccessText.optional() }).strict().optional(),
      })
      .strict(),
  })
  .strict();
export const Step = z.union([FieldsStep, SuccessStep]);
export type FieldsStep = z.infer<typeof FieldsStep>;
export type Step = z.infer<typeof Step>;

export const FormConfig = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'form ids are lowercase letters, digits and "-" (e.g. "welcome-10")'),
    site: z.string(),
    /** Published version, set by the studio when it publishes; analytics count each version apart. */
    version: z.number().int().min(1).default(1),
    /**
     * Share of visitors (0–0.5) who are assigned but never shown the form: the control group the
     * influenced metrics compare against (see docs/analytics.md). Only visitors with storage consent.
     */
    holdout: z.number().min(0).max(0.5).optional(),
    layout: Layout.default('modal'),
    /** Languages the texts are given in, preferred first; the visitor's language picks among them. */
    languages: z.array(z.string()).optional(),
    trigger: TriggerGroup.optional(),
    /** Who may see the form (see the docs/targeting.md, "Targeting reference"); everyone when omitted. */
    target: Rule.optional(),
    schedule: Schedule.optional(),
    frequency: Frequency.prefault({}),
    steps: z.array(Step).min(1),
    /** A unique code from a pool, or a spin-to-win wheel, handed out when the sign-up is accepted (docs/offers.md). */
    offer: FormOffer.optional(),
    theme: Theme.optional(),
    presentation: Presentation.optional(),
    variants: Variants({
      layout: Layout.optional(),
      languages: z.array(z.string()).optional(),
      trigger: TriggerGroup.optional(),
      steps: z.array(Step).min(1).optional(),
      theme: Theme.optional(),
      presentation: Presentation.optional(),
    }).optional(),
  })
  .strict()
  .superRefine((form, ctx) => checkOverlay(form.presentation?.media, form.theme, ctx, ['presentation', 'media']));
export type FormConfig = z.infer<typeof FormConfig>;
/**
 * What a browser receives: the form config after defaults were applied, plus what the proxy adds
 * from the site config when it publishes (never written by marketers, so not in `FormConfig`).
 */
export type PublishedForm = z.output<typeof FormConfig> & {
  /** The site's public Turnstile site key, when the site verifies Turnstile tokens on first steps. */
  turnstile?: { siteKey: string };
};
