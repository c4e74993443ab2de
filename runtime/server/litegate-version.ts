/** The version string the proxy reports about itself (e.g. `litellm_version` in its replies). */
import { readFileSync } from 'node:fs';

/**
 * `litegate-<package version>` read from package.json, or `litegate-dev` when there is none
 * to read (a built bundle is handed its version by `litegate build` instead).
 */
export function litegateVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return `litegate-${pkg.version ?? 'dev'}`;
  } catch {
    return 'litegate-dev';
  }
}
