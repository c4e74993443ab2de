import { badRequest } from './provider-error.ts';

/**
 * The texts of an OpenAI embeddings request (`input`: a string or an array of
 * strings). Token-id arrays only make sense to OpenAI's own tokenizer, so providers that
 * take text get a 400 for them rather than a wrong embedding.
 */
export function embeddingInputs(body: Readonly<Record<string, unknown>>): string[] {
  const input = body['input'];
  if (typeof input === 'string') return [input];
  if (Array.isArray(input) && input.length > 0 && input.every((entry) => typeof entry === 'string')) return input as string[];
  throw badRequest('input must be a string or a non-empty array of strings for this provider', { param: 'input' });
}

