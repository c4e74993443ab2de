/**
 * Reads a config file's text, turning every way that can fail into a typed outcome: the
 * caller decides whether it is an I/O error (exit 2 for the main file) or a diagnostic
 * (an include that points nowhere).
 */

// Builtins on the lint path come from process.getBuiltinModule, not `import`: an ESM import
// of a builtin builds its ESM facade, which reads every export and so loads the lazy parts
// (fs.promises, readline, streams, …). That cost every `litegate lint` about 10 ms of start-up.
const { readFileSync, statSync } = process.getBuiltinModule('node:fs');

/** Files beyond this size are refused: real configs are kilobytes; 5 MB generated ones still fit. */
export const maxConfigBytes = 32 * 1024 * 1024;

export type ReadOutcome =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'not-found' | 'directory' | 'unreadable'; readonly message: string }
  | { readonly kind: 'too-large'; readonly message: string; readonly bytes: number }
  | { readonly kind: 'binary'; readonly message: string; readonly offset: number };

/** Reads `path` as UTF-8 text (a BOM is dropped), or says why it cannot. */
export function readConfigFile(path: string): ReadOutcome {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { kind: 'directory', message: `'${path}' is a directory, not a config file` };
    size = stat.size;
  } catch (error) {
    return describeError(path, error);
  }
  if (size > maxConfigBytes) {
    return { kind: 'too-large', bytes: size, message: `'${path}' is ${formatBytes(size)}; configs larger than ${formatBytes(maxConfigBytes)} are not read` };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return describeError(path, error);
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { kind: 'binary', offset: nul, message: `'${path}' is a binary file (NUL byte at offset ${nul}), not a YAML config` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { kind: 'binary', offset: firstInvalidUtf8(bytes), message: `'${path}' is not UTF-8 text` };
  }
  return { kind: 'text', text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

function describeError(path: string, error: unknown): ReadOutcome {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'not-found', message: `'${path}' does not exist` };
  if (code === 'EISDIR') return { kind: 'directory', message: `'${path}' is a directory, not a config file` };
  if (code === 'EACCES' || code === 'EPERM') return { kind: 'unreadable', message: `'${path}' is not readable (permission denied)` };
  return { kind: 'unreadable', message: `'${path}' could not be read (${code ?? (error instanceof Error ? error.message : String(error))})` };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function firstInvalidUtf8(bytes: Buffer): number {
  // Decoding a prefix with `stream: true` tolerates a sequence cut at the end, so the
  // longest prefix that decodes ends just before the first invalid byte.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let low = 0;
  let high = bytes.length;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid;
    }
  }
  return low;
}
