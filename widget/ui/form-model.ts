/**
 * A form's state as signals, outside any component: components read it and call its actions.
 */
import { batch, computed, signal } from '@preact/signals';
import type { FieldErrors, FieldsStepConfig, PublishedForm } from './form-types.ts';
import { postSubmission } from './submit.ts';

export type Status = 'editing' | 'submitting' | 'done';

export interface FormModelOptions {
  api: string;
  site: string;
}

export function createFormModel(form: PublishedForm, options: FormModelOptions) {
  const stepIndex = signal(0);
  const values = signal<Record<string, string>>({});
  const errors = signal<FieldErrors>({});
  const message = signal('');
  const status = signal<Status>('editing');
  const id = randomId();
  const step = computed(() => form.steps[stepIndex.value]);
  const fieldsStep = computed(() => {
    const s = step.value;
    return s && 'fields' in s ? (s as FieldsStepConfig) : undefined;
  });

  function setValue(name: string, value: string) {
    values.value = { ...values.value, [name]: value };
    if (errors.value[name]) {
      const { [name]: _, ...rest } = errors.value;
      errors.value = rest;
    }
  }

  async function submit() {
    const current = fieldsStep.value;
    if (!current || status.value === 'submitting') return;
    const fields: Record<string, string> = {};
    for (const field of current.fields) {
      const value = values.value[field.name];
      if (value) fields[field.name] = value;
    }
    status.value = 'submitting';
    const result = await postSubmission(options.api, { id, site: options.site, form: form.id, step: stepIndex.value, fields, page: location.href });
    batch(() => {
      if (result.ok) {
        stepIndex.value += 1;
        status.value = stepIndex.value >= form.steps.length || !('fields' in form.steps[stepIndex.value]!) ? 'done' : 'editing';
        message.value = '';
      } else {
        status.value = 'editing';
        errors.value = result.fields ?? {};
        message.value = result.message;
      }
    });
  }

  return { form, stepIndex, step, fieldsStep, values, errors, message, status, setValue, submit };
}

export type FormModel = ReturnType<typeof createFormModel>;

function randomId(): string {
  return crypto.randomUUID?.() ?? `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}
