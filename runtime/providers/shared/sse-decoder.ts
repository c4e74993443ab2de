/**
 * Incremental Server-Sent Events decoder (WHATWG HTML §9.2 event stream parsing):
 * feed it bytes as they arrive, get complete events out. Handles CRLF/CR/LF line ends,
 * multi-line `data:`, comments (`:` lines, e.g. keep-alives), and chunk boundaries
 * anywhere (inside a line or a UTF-8 sequence).
 */
export interface SseEvent {
  readonly event?: string;
  readonly data: string;
  readonly id?: string;
}

export class SseDecoder {
  readonly #text = new TextDecoder();
  #buffer = '';
  #event: string | undefined;
  #data: string[] = [];
  #id: string | undefined;

  /** Decodes a chunk; returns the events it completed. */
  push(chunk: Uint8Array | string): SseEvent[] {
    this.#buffer += typeof chunk === 'string' ? chunk : this.#text.decode(chunk, { stream: true });
    const events: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const lf = this.#buffer.indexOf('\n', start);
      const cr = this.#buffer.indexOf('\r', start);
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        // A lone CR at the very end may be the first half of CRLF: wait for more input.
        if (cr === this.#buffer.length - 1) break;
        end = cr;
        next = this.#buffer[cr + 1] === '\n' ? cr + 2 : cr + 1;
      } else if (lf !== -1) {
        end = lf;
        next = lf + 1;
      } else break;
      this.#line(this.#buffer.slice(start, end), events);
      start = next;
    }
    this.#buffer = this.#buffer.slice(start);
    return events;
  }

  /** Flushes a final event not followed by a blank line (lenient, as browsers are not). */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.#buffer.length > 0) this.#line(this.#buffer, events);
    this.#buffer = '';
    this.#line('', events);
    return events;
  }

  #line(line: string, events: SseEvent[]): void {
    if (line === '') {
      if (this.#data.length > 0) {
        const event: { event?: string; data: string; id?: string } = { data: this.#data.join('\n') };
        if (this.#event !== undefined) event.event = this.#event;
        if (this.#id !== undefined) event.id = this.#id;
        events.push(event);
      }
      this.#event = undefined;
      this.#data = [];
      return;
    }
    if (line.charCodeAt(0) === 58 /* ':' */) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#event = value;
    else if (field === 'id') this.#id = value;
  }
}

/** Encodes one SSE event (`data:` lines, optional `event:`), terminated by a blank line. */
export function encodeSseEvent(data: string, event?: string): string {
  const head = event === undefined ? '' : `event: ${event}\n`;
  return `${head}data: ${data.includes('\n') ? data.split('\n').join('\ndata: ') : data}\n\n`;
}
