/**
 * A logger for tests that keeps every line it is given (`warn: …` / `info: …`), so a test
 * can assert what was logged and how often (e.g. an outage logged once, not per command).
 */

/** A fresh logger and the lines it has collected so far. */
export function collectingLogger() {
  const lines: string[] = [];
  return { lines, logger: { warn: (message: string) => lines.push(`warn: ${message}`), info: (message: string) => lines.push(`info: ${message}`) } };
}
