/**
 * Per-input caching of embeddings, as LiteLLM does it (litellm-config.md §8 "Embeddings are
 * cached per input item"; LiteLLM's caching handler combines cached items with the API
 * result): each item of a list `input` has its own entry, keyed as if it had been sent
 * alone, so a later request that shares some inputs sends only the missing ones upstream.
 *
 * Each entry holds a one-item embeddings response, the same shape a request with that single
 * input gets, so `input: "a"` and `input: ["a", "b"]` share the entry for "a".
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The items of a list input (strings, or token arrays), or undefined for a single input: a
 * string, or one flat token array (`[1, 2, 3]` is one input, not three).
 */
export function embeddingItems(input: unknown): readonly unknown[] | undefined {
  if (!Array.isArray(input) || input.length === 0) return undefined;
  if (input.every((item) => typeof item === 'string')) return input;
  if (input.every((item) => Array.isArray(item))) return input;
  return undefined;
}

/** The response's data items ordered by their `index`, or undefined when it has none. */
function orderedData(response: Readonly<Record<string, unknown>>): Record<string, unknown>[] | undefined {
  if (!Array.isArray(response.data)) return undefined;
  const data = response.data.filter(isRecord);
  if (data.length !== response.data.length) return undefined;
  return data.map((item, at) => ({ item, at })).sort((a, b) => indexOf(a.item, a.at) - indexOf(b.item, b.at)).map(({ item }) => item);
}

function indexOf(item: Readonly<Record<string, unknown>>, fallback: number): number {
  return typeof item.index === 'number' ? item.index : fallback;
}

/**
 * One-item responses for each data item of a fresh response, in input order, or undefined
 * when the response does not have exactly `count` items (then nothing is cached).
 */
export function splitEmbeddings(response: Readonly<Record<string, unknown>>, count: number): Record<string, unknown>[] | undefined {
  const data = orderedData(response);
  if (!data || data.length !== count) return undefined;
  return data.map((item) => {
    const single: Record<string, unknown> = { object: response.object ?? 'list', data: [{ ...item, index: 0 }], model: response.model };
    return single;
  });
}

/**
 * The response for the whole request: cached items where present, fresh ones (in order) at
 * the missing positions, each re-indexed to its position. Usage is the fresh call's (what
 * was billed), or zero when every item came from the cache.
 */
export function mergeEmbeddings(
  cached: readonly (Readonly<Record<string, unknown>> | undefined)[],
  fresh: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> | undefined {
  const freshData = fresh ? orderedData(fresh) : [];
  if (!freshData) return undefined;
  const missing = cached.filter((entry) => entry === undefined).length;
  if (freshData.length !== missing) return undefined;
  let next = 0;
  const data: Record<string, unknown>[] = [];
  let model: unknown = fresh?.model;
  for (let position = 0; position < cached.length; position += 1) {
    const entry = cached[position];
    let item: Record<string, unknown> | undefined;
    if (entry) {
      item = Array.isArray(entry.data) && isRecord(entry.data[0]) ? entry.data[0] : undefined;
      model ??= entry.model;
    } else {
      item = freshData[next];
      next += 1;
    }
    if (!item) return undefined;
    data.push({ ...item, index: position });
  }
  return {
    object: fresh?.object ?? 'list',
    data,
    model,
    usage: fresh && isRecord(fresh.usage) ? fresh.usage : { prompt_tokens: 0, total_tokens: 0 },
  };
}
