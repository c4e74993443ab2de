/**
 * Loads the adapter module for one wire-format kind. Each kind is its own dynamic import
 * (no barrel file), so a process or a bundle only loads the adapters its plan uses.
 */
import type { AdapterKind } from '../../compiler/plan/routing-plan.ts';
import type { ProviderAdapter } from './adapter.ts';

const loaders: Readonly<Record<AdapterKind, () => Promise<{ default: ProviderAdapter }>>> = {
  openai: () => import('./openai/adapter.ts'),
  azure: () => import('./azure/adapter.ts'),
  deepseek: () => import('./deepseek/adapter.ts'),
  anthropic: () => import('./anthropic/adapter.ts'),
  gemini: () => import('./gemini/adapter.ts'),
  ollama: () => import('./ollama/adapter.ts'),
  ollama_chat: () => import('./ollama_chat/adapter.ts'),
};

/** Thrown when an adapter module cannot be loaded. */
export class AdapterLoadError extends Error {
  readonly kind: string;
  constructor(kind: string, cause: unknown) {
    super(`the '${kind}' provider adapter could not be loaded: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'AdapterLoadError';
    this.kind = kind;
  }
}

/** Imports the adapter for `kind`. */
export async function loadAdapter(kind: AdapterKind): Promise<ProviderAdapter> {
  const loader = loaders[kind];
  if (!loader) throw new AdapterLoadError(kind, new Error('unknown adapter kind'));
  try {
    return (await loader()).default;
  } catch (error) {
    throw new AdapterLoadError(kind, error);
  }
}

/** Loads every distinct kind in `kinds`, in parallel. */
export async function loadAdapters(kinds: Iterable<AdapterKind>): Promise<ReadonlyMap<AdapterKind, ProviderAdapter>> {
  const unique = [...new Set(kinds)];
  const adapters = await Promise.all(unique.map(loadAdapter));
  return new Map(unique.map((kind, i) => [kind, adapters[i]!]));
}
