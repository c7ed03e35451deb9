/** Turns a zod error into one sentence naming the field, for `{message}` error bodies. */
import type { z } from 'zod';

export function zodMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request body is not valid.';
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : 'body';
  return `${path}: ${issue.message}`;
}
