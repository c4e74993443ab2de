/**
 * js-yaml, loaded on first use. Most configs are read by the fast scanner
 * (scan-simple-yaml.ts) without js-yaml, and loading it (it builds its schemas when
 * imported) cost every `litegate lint` a few milliseconds of start-up for nothing. A static
 * `import` cannot be deferred inside the synchronous loader, so the package's CommonJS
 * build is required when the scanner hands a file over.
 */
type JsYaml = typeof import('js-yaml');

// (process.getBuiltinModule, not `import`: see read-config-file.ts.)
const { createRequire } = process.getBuiltinModule('node:module');

let loaded: JsYaml | undefined;

/** The js-yaml module (loaded on the first call). */
export function jsYaml(): JsYaml {
  loaded ??= createRequire(import.meta.url)('js-yaml') as JsYaml;
  return loaded;
}
