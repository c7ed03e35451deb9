/**
 * Dead letters in Workers KV, one key per submission id. Replay puts the refused objects back on the
 * submissions queue as a submission of their own and removes the letter.
 */
import type { DeadLetter, DeadLetterStore } from '../../delivery/stores.ts';
import type { PreparedSubmission } from '../../delivery/types.ts';
import type { KVNamespace } from './cf.ts';

const PREFIX = 'dead:';

interface LetterMeta {
  site: string;
  deadAt: number;
}

export function kvDeadLetterStore(kv: KVNamespace, requeue: (submission: PreparedSubmission) => Promise<void>): DeadLetterStore {
  async function keys(): Promise<{ name: string; metadata?: LetterMeta }[]> {
    const all: { name: string; metadata?: LetterMeta }[] = [];
    let cursor: string | undefined;
    do {
      const page = await kv.list<LetterMeta>({ prefix: PREFIX, cursor });
      all.push(...page.keys);
      cursor = page.list_complete ? undefined : page.cursor;
    } while (cursor);
    return all;
  }
  const get = async (id: string): Promise<DeadLetter | undefined> => {
    const text = await kv.get(PREFIX + id);
    return text ? (JSON.parse(text) as DeadLetter) : undefined;
  };
  return {
    async list(options = {}) {
      const matching = (await keys()).filter((k) => !options.site || k.metadata?.site === options.site);
      matching.sort((a, b) => (a.metadata?.deadAt ?? 0) - (b.metadata?.deadAt ?? 0));
      const letters = await Promise.all(matching.slice(0, options.limit ?? 100).map((k) => get(k.name.slice(PREFIX.length))));
      return letters.filter((l): l is DeadLetter => l !== undefined);
    },
    get,
    async add(letter) {
      await kv.put(PREFIX + letter.id, JSON.stringify(letter), { metadata: { site: letter.site, deadAt: letter.deadAt } satisfies LetterMeta });
    },
    async replay(id, now) {
      const letter = await get(id);
      if (!letter) return false;
      await requeue({
        // A new id: the original one is recorded as delivered, and its duplicates are skipped.
        id: `${letter.id}~replay-${now}`,
        site: letter.site,
        identity: letter.identity,
        attributes: letter.body.attributes ?? [],
        events: letter.body.events ?? [],
        purchases: letter.body.purchases,
        ...(letter.triggers ? { triggers: letter.triggers } : {}),
        receivedAt: now,
      });
      await kv.delete(PREFIX + id);
      return true;
    },
    async drop(id) {
      if (!(await get(id))) return false;
      await kv.delete(PREFIX + id);
      return true;
    },
    async count() {
      return (await keys()).length;
    },
  };
}
