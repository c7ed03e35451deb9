/**
 * A readable diff between two form configs: one line per text, field or rule that changed, named the
 * way a marketer sees the form ("Step 1 › Title (fr)", "Step 1 › Field "email" › Required").
 */
export interface DiffLine {
  kind: 'added' | 'removed' | 'changed';
  /** Where, in words. */
  where: string;
  /** The JSON path, for the studio to link to the control. */
  path: (string | number)[];
  before?: unknown;
  after?: unknown;
}

const LABELS: Record<string, string> = {
  title: 'Title', body: 'Body', submit: 'Button', label: 'Label', placeholder: 'Placeholder', help: 'Help text', required: 'Required',
  disclosure: 'Disclosure', layout: 'Layout', languages: 'Languages', trigger: 'Trigger', target: 'Targeting', frequency: 'Frequency',
  schedule: 'Schedule', theme: 'Design', presentation: 'Presentation', variants: '', coupon: 'Coupon', options: 'Options',
  success: 'Success step', text: '', fields: '', steps: '',
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function describe(path: (string | number)[], root: unknown): string {
  const words: string[] = [];
  let node: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const parent = path[i - 1];
    const child = isObject(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[key] : undefined;
    if (parent === 'steps' && typeof key === 'number') words.push(`Step ${key + 1}`);
    else if (parent === 'fields' && typeof key === 'number') words.push(`Field "${isObject(child) ? String(child.name) : key + 1}"`);
    else if (parent === 'variants' && typeof key === 'number') words.push(`Variant "${isObject(child) ? String(child.id) : key + 1}"`);
    else if (typeof key === 'string' && /^[a-z]{2}(-[A-Z]{2})?$/.test(key) && i > 0 && ['title', 'body', 'submit', 'label', 'placeholder', 'help', 'disclosure'].includes(String(parent))) words[words.length - 1] += ` (${key})`;
    else if (typeof key === 'string' && key in LABELS) LABELS[key] && words.push(LABELS[key]!);
    else words.push(String(key));
    node = child;
  }
  return words.join(' › ') || 'Form';
}

/** Arrays of named things (fields, variants) are matched by name, so an insertion reads as one line. */
function keyOf(item: unknown): string | undefined {
  if (!isObject(item)) return undefined;
  if (typeof item.name === 'string') return `name:${item.name}`;
  if (typeof item.id === 'string') return `id:${item.id}`;
  return undefined;
}

export function diffForms(before: unknown, after: unknown): DiffLine[] {
  const lines: DiffLine[] = [];
  const walk = (a: unknown, b: unknown, path: (string | number)[]) => {
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    if (isObject(a) && isObject(b)) {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[k], b[k], [...path, k]);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && a.every(keyOf) && b.every(keyOf) && a.length && b.length) {
      const bKeys = new Map(b.map((item, i) => [keyOf(item)!, i]));
      const aKeys = new Set(a.map((item) => keyOf(item)!));
      a.forEach((item, i) => {
        const j = bKeys.get(keyOf(item)!);
        if (j === undefined) lines.push({ kind: 'removed', where: describe([...path, i], before), path: [...path, i], before: item });
        else walk(item, b[j], [...path, j]);
      });
      b.forEach((item, j) => aKeys.has(keyOf(item)!) || lines.push({ kind: 'added', where: describe([...path, j], after), path: [...path, j], after: item }));
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && path.at(-1) === 'steps') {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], [...path, i]);
      return;
    }
    const kind = a === undefined ? 'added' : b === undefined ? 'removed' : 'changed';
    lines.push({ kind, where: describe(path, b === undefined ? before : after), path, ...(a !== undefined && { before: a }), ...(b !== undefined && { after: b }) });
  };
  walk(before, after, []);
  return lines;
}
