/**
 * The form config: what marketers write and what is published to browsers.
 * Nothing here is secret; subscription groups and attribute types live in the site config.
 */
import * as z from 'zod';
import { LocalizedText } from './text.ts';
import { Layout, Theme } from './presentation-schema.ts';
import { TriggerGroup } from './targeting-schema.ts';

const FieldName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'field names are lowercase letters, digits and "_", starting with a letter (e.g. "first_name")');

const FieldBase = {
  name: FieldName,
  label: LocalizedText.optional(),
  placeholder: LocalizedText.optional(),
  required: z.boolean().default(false),
};

export const EmailField = z.object({ ...FieldBase, type: z.literal('email') }).strict();
export const TextField = z
  .object({
    ...FieldBase,
    type: z.literal('text'),
    /** Braze attribute the value is written to: a standard one (`first_name`) or a custom one declared in the site config. */
    attribute: z.string().optional(),
    maxLength: z.number().int().min(1).max(255).default(255),
  })
  .strict();

export const Field = z.discriminatedUnion('type', [EmailField, TextField]);
export type Field = z.infer<typeof Field>;

export const StepText = z
  .object({
    title: LocalizedText.optional(),
    body: LocalizedText.optional(),
    submit: LocalizedText.optional(),
  })
  .strict();

export const FieldsStep = z.object({ id: z.string().optional(), text: StepText.optional(), fields: z.array(Field).min(1) }).strict();
export const SuccessStep = z
  .object({ success: z.object({ title: LocalizedText.optional(), body: LocalizedText.optional(), coupon: z.string().max(64).optional() }).strict() })
  .strict();
export const Step = z.union([FieldsStep, SuccessStep]);
export type FieldsStep = z.infer<typeof FieldsStep>;
export type Step = z.infer<typeof Step>;

export const FormConfig = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'form ids are lowercase letters, digits and "-" (e.g. "welcome-10")'),
    site: z.string(),
    layout: Layout.default('modal'),
    languages: z.array(z.string()).optional(),
    trigger: TriggerGroup.optional(),
    steps: z.array(Step).min(1),
    theme: Theme.optional(),
  })
  .strict();
export type FormConfig = z.infer<typeof FormConfig>;
/** What a browser receives: the form config after defaults were applied. */
export type PublishedForm = z.output<typeof FormConfig>;
