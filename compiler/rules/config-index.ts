/**
 * Facts about a merged config that several rules need, computed once in one pass over
 * model_list: the model groups, wildcard patterns, deployment ids, the underlying model
 * strings, and the alias table. Lookups are O(1) (or O(patterns)), so rules stay linear
 * in the size of the config.
 */
import { childPointer } from '../source/json-pointer.ts';

/** A deployment as the rules see it. */
export interface IndexedDeployment {
  readonly index: number;
  readonly pointer: string;
  readonly group: string | undefined;
  readonly model: string | undefined;
  readonly id: string | undefined;
  readonly litellmParams: Readonly<Record<string, unknown>>;
  readonly entry: Readonly<Record<string, unknown>>;
}

export interface ConfigIndex {
  readonly deployments: readonly IndexedDeployment[];
  /** Exact (non-wildcard) group names. */
  readonly groups: ReadonlySet<string>;
  /** model_name values containing `*`, compiled. */
  readonly wildcards: readonly { readonly pattern: string; readonly regex: RegExp }[];
  /** model_info.id → deployment indices. */
  readonly ids: ReadonlyMap<string, readonly number[]>;
  /** litellm_params.model → the groups whose deployments use it (in config order). */
  readonly underlyingModels: ReadonlyMap<string, ReadonlySet<string>>;
  /** model_group_alias keys (both string and `{model}` forms). */
  readonly aliases: ReadonlySet<string>;
  readonly routerSettings: Readonly<Record<string, unknown>>;
  readonly litellmSettings: Readonly<Record<string, unknown>>;
  readonly generalSettings: Readonly<Record<string, unknown>>;
  /**
   * Why model groups may exist beyond model_list (models stored in the database), or
   * undefined. A missing group is then only a warning.
   */
  readonly modelsElsewhere: string | undefined;
  /** True when a name is served by a group or by a wildcard route. */
  isRoutableGroup(name: string): boolean;
}

/** An IndexedDeployment whose pointer is built only when a rule reports on it. */
class Deployment implements IndexedDeployment {
  readonly index: number;
  readonly group: string | undefined;
  readonly model: string | undefined;
  readonly id: string | undefined;
  readonly litellmParams: Readonly<Record<string, unknown>>;
  readonly entry: Readonly<Record<string, unknown>>;

  constructor(index: number, group: string | undefined, model: string | undefined, id: string | undefined, litellmParams: Readonly<Record<string, unknown>>, entry: Readonly<Record<string, unknown>>) {
    this.index = index;
    this.group = group;
    this.model = model;
    this.id = id;
    this.litellmParams = litellmParams;
    this.entry = entry;
  }

  get pointer(): string {
    return childPointer('/model_list', this.index);
  }
}

/** Narrows to a plain mapping. */
export function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function wildcardRegex(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
  return new RegExp(`^${escaped}$`);
}

/** Builds the index of a merged config. */
export function buildConfigIndex(config: Readonly<Record<string, unknown>>): ConfigIndex {
  const deployments: IndexedDeployment[] = [];
  const groups = new Set<string>();
  const wildcards: { pattern: string; regex: RegExp }[] = [];
  const seenPatterns = new Set<string>();
  const ids = new Map<string, number[]>();
  const underlyingModels = new Map<string, Set<string>>();
  const modelList = Array.isArray(config.model_list) ? config.model_list : [];

  modelList.forEach((raw, index) => {
    const entry = asRecord(raw) ?? {};
    const litellmParams = asRecord(entry.litellm_params) ?? {};
    const modelInfo = asRecord(entry.model_info) ?? {};
    const group = typeof entry.model_name === 'string' ? entry.model_name : typeof entry.model_name === 'number' ? String(entry.model_name) : undefined;
    const model = typeof litellmParams.model === 'string' ? litellmParams.model : undefined;
    const rawId = modelInfo.id;
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : undefined;
    deployments.push(new Deployment(index, group, model, id, litellmParams, entry));
    if (group !== undefined) {
      if (group.includes('*')) {
        if (!seenPatterns.has(group)) {
          seenPatterns.add(group);
          wildcards.push({ pattern: group, regex: wildcardRegex(group) });
        }
      } else groups.add(group);
      if (model !== undefined) {
        const set = underlyingModels.get(model);
        if (set) set.add(group);
        else underlyingModels.set(model, new Set([group]));
      }
    }
    if (id !== undefined) {
      const list = ids.get(id);
      if (list) list.push(index);
      else ids.set(id, [index]);
    }
  });

  const routerSettings = asRecord(config.router_settings) ?? {};
  const aliases = new Set(Object.keys(asRecord(routerSettings.model_group_alias) ?? {}));

  const generalSettings = asRecord(config.general_settings) ?? {};
  const storeInDb = generalSettings.store_model_in_db === true || generalSettings.store_model_in_db === 'True' || generalSettings.store_model_in_db === 'true';
  return {
    modelsElsewhere: storeInDb ? 'store_model_in_db is on, so it may be defined in the database' : undefined,
    deployments,
    groups,
    wildcards,
    ids,
    underlyingModels,
    aliases,
    routerSettings,
    litellmSettings: asRecord(config.litellm_settings) ?? {},
    generalSettings,
    isRoutableGroup(name: string): boolean {
      if (groups.has(name)) return true;
      for (const wildcard of wildcards) if (wildcard.regex.test(name)) return true;
      return false;
    },
  };
}
