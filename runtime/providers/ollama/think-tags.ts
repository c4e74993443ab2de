/**
 * Reasoning models served by Ollama without `think` (deepseek-r1, qwq …) write their
 * reasoning inline as `<think>…</think>` before the answer. LiteLLM moves it into
 * `reasoning_content`; this does the same, for whole replies and for streams.
 */

const OPEN = '<think>';
const CLOSE = '</think>';

/** Splits a whole reply into reasoning and content (`reasoning` empty when there is no think block). */
export function splitThinkTags(text: string): { reasoning: string; content: string } {
  const match = /^\s*<think>([\s\S]*?)<\/think>\s*([\s\S]*)$/.exec(text);
  return match ? { reasoning: match[1] ?? '', content: match[2] ?? '' } : { reasoning: '', content: text };
}

/**
 * Routes streamed text fragments to reasoning or content as the tags open and close.
 * Tags are recognised when a fragment contains them whole, which is how Ollama streams
 * them (one token each).
 */
export class ThinkTagSplitter {
  #inside = false;

  push(fragment: string): { reasoning: string; content: string } {
    let reasoning = '';
    let content = '';
    let rest = fragment;
    while (rest !== '') {
      const tag = this.#inside ? CLOSE : OPEN;
      const at = rest.indexOf(tag);
      const before = at === -1 ? rest : rest.slice(0, at);
      if (this.#inside) reasoning += before;
      else content += before;
      if (at === -1) break;
      this.#inside = !this.#inside;
      rest = rest.slice(at + tag.length);
    }
    return { reasoning, content };
  }
}
