/**
 * Incremental newline-delimited JSON decoder (Ollama's streaming format): returns each
 * complete non-empty line; a line split across chunks is held until its newline arrives.
 */
export class NdjsonDecoder {
  readonly #text = new TextDecoder();
  #buffer = '';

  push(chunk: Uint8Array | string): string[] {
    this.#buffer += typeof chunk === 'string' ? chunk : this.#text.decode(chunk, { stream: true });
    const lines = this.#buffer.split('\n');
    this.#buffer = lines.pop() ?? '';
    return lines.map((line) => line.trim()).filter((line) => line.length > 0);
  }

  end(): string[] {
    const rest = this.#buffer.trim();
    this.#buffer = '';
    return rest ? [rest] : [];
  }
}
