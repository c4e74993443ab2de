import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateAll, readSchema, validatorOptions } from '../../schema/generate.ts';
import { validate } from '../../schema/validate-config.generated.js';
import { corpusDir } from '../support/shared-corpus.ts';

describe('generated artifacts', () => {
  let generated: Awaited<ReturnType<typeof generateAll>>;
  beforeAll(async () => {
    generated = await generateAll();
  });

  it('are up to date with the schema (run `npm run schema:generate` after editing it)', () => {
    for (const { path, content } of generated) {
      expect(readFileSync(path, 'utf8'), `${path.pathname} is stale`).toBe(content);
    }
  });

  it('start with a "generated, do not edit" header', () => {
    for (const { path } of generated) expect(readFileSync(path, 'utf8').slice(0, 200)).toMatch(/generated.*do not edit/);
  });

  it('include types for the config sections', () => {
    const types = readFileSync(new URL('../../schema/litellm-config.generated.ts', import.meta.url), 'utf8');
    expect(types).toContain('export interface LiteLLMProxyConfig');
    expect(types).toContain('export interface Deployment');
    expect(types).toMatch(/routing_strategy\?:/);
  });
});

describe('the precompiled validator', () => {
  it('is a plain ES module with no CommonJS require left unbound', () => {
    const code = readFileSync(new URL('../../schema/validate-config.generated.js', import.meta.url), 'utf8');
    const usesRequire = /\brequire\(/.test(code);
    expect(!usesRequire || code.includes('const require = createRequire(import.meta.url)')).toBe(true);
  });

  it('loads as an ES module in plain Node (outside the test runner\'s module loader)', async () => {
    const module = new URL('../../schema/validate-config.generated.js', import.meta.url).href;
    // minLength needs ajv's ucs2length helper, so an empty model_name exercises the runtime import.
    const script = `import { validate } from ${JSON.stringify(module)};
      const ok = validate({ model_list: [{ model_name: 'a', litellm_params: { model: 'openai/gpt-4o' } }] });
      const bad = validate({ model_list: [{ model_name: '', litellm_params: { model: 'x' } }] });
      process.stdout.write(JSON.stringify({ ok, bad, keyword: validate.errors?.[0]?.keyword }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', script]);
    expect(JSON.parse(stdout)).toEqual({ ok: true, bad: false, keyword: 'minLength' });
  });

  it('gives the same verdicts and errors as compiling the schema at run time', async () => {
    const live = new Ajv2020(validatorOptions).compile(await readSchema());
    const corpus = corpusDir;
    let documents: unknown[] = [];
    try {
      documents = readdirSync(corpus)
        .filter((name) => name.endsWith('.yaml'))
        .flatMap((name) => {
          try {
            return [parse(readFileSync(`${corpus}/${name}`, 'utf8'), { version: '1.1' })];
          } catch {
            return [];
          }
        });
    } catch {
      // no corpus on this machine: the hand-written documents below still run
    }
    documents.push(
      { model_list: { gpt: {} } },
      { router_settings: { routing_strategy: 'fastest', fallbacks: ['a'], retry_policy: { Typo: 1 } } },
      { model_list: [{ model_name: '', litellm_params: { model: 'x', rpm: 'many' } }], extra: true },
    );
    expect(documents.length).toBeGreaterThan(3);
    for (const document of documents) {
      expect(validate(document)).toBe(live(document));
      expect(validate.errors ?? null).toEqual(live.errors ?? null);
    }
  });
});
