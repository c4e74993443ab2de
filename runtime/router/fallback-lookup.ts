/**
 * Which fallback groups apply to a failure (reference §7.8, §7.13 item 5): the list is
 * chosen by error kind, then the entry by key.
 */
import type { FallbackMap } from '../../compiler/plan/routing-plan.ts';
import type { NormalizedError } from '../providers/adapter.ts';
import { isContentPolicyError, isContextWindowError } from './error-classes.ts';

/** The fallback lists in effect for one request: the body's when it has the key, else the router's. */
export interface FallbackLists {
  /** A client-side list of target names used for any error (`fallbacks: ["b", "c"]` in the body). */
  readonly direct?: readonly string[];
  readonly generic?: FallbackMap;
  /** Undefined = not configured: those errors use the generic list. */
  readonly contextWindow?: FallbackMap;
  readonly contentPolicy?: FallbackMap;
}

/**
 * Entry for `group` in `map`: the exact key, else the key equal to the group without its
 * `provider/` prefix (wildcard routes), else `*`.
 */
export function lookupEntry(map: FallbackMap | undefined, group: string): readonly string[] | undefined {
  if (!map) return undefined;
  const exact = map[group];
  if (exact) return exact;
  const slash = group.indexOf('/');
  if (slash >= 0) {
    const stripped = map[group.slice(slash + 1)];
    if (stripped) return stripped;
  }
  return map['*'];
}

/**
 * Fallback targets for `error` raised by group `requested`. A context-window or
 * content-policy error uses its own list when that list is configured (and nothing else:
 * no entry means no fallback), else the generic list. `aliasTarget` is tried when the
 * requested name has no entry: LiteLLM keys fallbacks only on the name as requested, so
 * fallbacks written for a group never fire for requests through its alias (#10317).
 * Both special lists resolve keys like the generic one (exact > provider-stripped > `*`),
 * as LiteLLM's 2026 resolver does; V25 matched them by exact key only.
 */
export function fallbackTargets(lists: FallbackLists, error: NormalizedError, requested: string, aliasTarget?: string): readonly string[] | undefined {
  if (lists.direct) return lists.direct;
  const find = (map: FallbackMap | undefined) => lookupEntry(map, requested) ?? (aliasTarget !== undefined ? lookupEntry(map, aliasTarget) : undefined);
  if (isContextWindowError(error) && lists.contextWindow !== undefined) return find(lists.contextWindow);
  if (isContentPolicyError(error) && lists.contentPolicy !== undefined) return find(lists.contentPolicy);
  return find(lists.generic);
}

/**
 * The lists for a request body: a key present in the body wins even when empty or null
 * (LiteLLM: "key present ? request value : router value").
 */
export function fallbackListsFor(body: Readonly<Record<string, unknown>>, router: { readonly fallbacks?: FallbackMap; readonly contextWindowFallbacks?: FallbackMap; readonly contentPolicyFallbacks?: FallbackMap }): FallbackLists {
  const lists: { direct?: readonly string[]; generic?: FallbackMap; contextWindow?: FallbackMap; contentPolicy?: FallbackMap } = {};
  if (Object.hasOwn(body, 'fallbacks')) {
    const value = body['fallbacks'];
    const direct = directTargets(value);
    if (direct) lists.direct = direct;
    else {
      const map = toFallbackMap(value);
      if (map) lists.generic = map;
    }
  } else if (router.fallbacks) lists.generic = router.fallbacks;
  const contextWindow = Object.hasOwn(body, 'context_window_fallbacks') ? toFallbackMap(body['context_window_fallbacks']) : router.contextWindowFallbacks;
  if (contextWindow) lists.contextWindow = contextWindow;
  const contentPolicy = Object.hasOwn(body, 'content_policy_fallbacks') ? toFallbackMap(body['content_policy_fallbacks']) : router.contentPolicyFallbacks;
  if (contentPolicy) lists.contentPolicy = contentPolicy;
  return lists;
}

/** `["b", "c"]` or `[{model: "b", …}]` in a body: targets for any error (LiteLLM's client-side fallbacks). */
function directTargets(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  if (value.every((item) => typeof item === 'string')) return value as string[];
  const first: unknown = value[0];
  if (first !== null && typeof first === 'object' && typeof (first as Record<string, unknown>)['model'] === 'string') {
    return value.map((item) => (item as Record<string, unknown>)['model']).filter((model): model is string => typeof model === 'string');
  }
  return undefined;
}

/**
 * `[{a: [b, c]}, {"*": [d]}]` → `{a: [b, c], "*": [d]}`. null → not configured; an empty or
 * malformed list → configured with no entries (LiteLLM treats a request's `[]` as set).
 */
function toFallbackMap(value: unknown): FallbackMap | undefined {
  if (value === undefined || value === null) return undefined;
  const map: Record<string, string[]> = {};
  if (!Array.isArray(value)) return map;
  for (const item of value) {
    if (item === null || typeof item !== 'object') continue;
    for (const [key, targets] of Object.entries(item as Record<string, unknown>)) {
      if (Array.isArray(targets) && !(key in map)) map[key] = targets.filter((target): target is string => typeof target === 'string');
    }
  }
  return map;
}
