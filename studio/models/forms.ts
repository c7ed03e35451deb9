/** The forms list of the open site, and creating forms. */
import { signal } from '@preact/signals';
import { api } from '../api.ts';

export interface FormSummary {
  id: string;
  status: 'draft' | 'live' | 'scheduled' | 'ended';
  layout: string;
  title: unknown;
  languages: string[];
  liveVersion: number | null;
  scheduledAt: number | null;
  updatedAt: number;
  updatedBy: string;
  lastPublish: { version: number; at: number; by: string } | null;
}
export interface Template { id: string; name: Record<string, string>; description: string; layout: string; languages: string[]; thumbnail?: string }

export const forms = signal<FormSummary[] | null>(null);
export const templates = signal<Template[]>([]);

export async function loadForms(site: string): Promise<void> {
  forms.value = null;
  const [list, tpl] = await Promise.all([api<{ forms: FormSummary[] }>('GET', `/sites/${site}/forms`), templates.value.length ? null : api<{ templates: Template[] }>('GET', '/templates')]);
  forms.value = list.forms;
  if (tpl) templates.value = tpl.templates;
}

export async function createForm(site: string, id: string, from: { template: string } | { duplicate: string }): Promise<void> {
  await api('POST', `/sites/${site}/forms`, { id, ...from });
}

/** The first language's text of a localized value. */
export function textOf(value: unknown, lang: string): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, string>;
    return v[lang] ?? v.en ?? Object.values(v)[0] ?? '';
  }
  return '';
}
