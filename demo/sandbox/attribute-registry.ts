/** Custom attributes known to the workspace: the configured schema plus those `/users/track` creates (§3, §5). */
import type { AttributeDefinition, AttributeType, SandboxOptions } from './options.ts';
import type { AttributeEntry, State } from './store.ts';

export type Admission = 'ok' | 'blocklisted' | 'type-mismatch' | 'not-created';

export function seedAttributes(state: State, schema: AttributeDefinition[]): void {
  for (const def of schema) {
    state.attributes[def.name] = {
      name: def.name,
      data_type: def.data_type,
      description: def.description ?? null,
      status: def.status ?? 'Active',
      tag_names: def.tag_names ?? [],
    };
  }
}

export function createAttributeRegistry(state: State, options: Pick<SandboxOptions, 'autoCreateAttributes'>) {
  return {
    /** Whether a value of `type` may be stored under `name`; creates the attribute on first use when allowed. */
    admit(name: string, type: AttributeType): Admission {
      const entry = state.attributes[name];
      if (entry?.status === 'Blocklisted') return 'blocklisted';
      // A type fixed earlier refuses values of another type (§3 "Changing a type").
      if (entry) return entry.data_type === type || (entry.data_type === 'String' && type === 'Time') ? 'ok' : 'type-mismatch';
      if (!options.autoCreateAttributes) return 'not-created';
      state.attributes[name] = { name, data_type: type, description: null, status: 'Active', tag_names: [] };
      return 'ok';
    },
    typeOf: (name: string): AttributeType | undefined => state.attributes[name]?.data_type,
    list: (): AttributeEntry[] => Object.values(state.attributes).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}
export type AttributeRegistry = ReturnType<typeof createAttributeRegistry>;
