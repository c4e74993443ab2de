/**
 * `litegate build` after the front end: freezes a RoutingPlan into a deployable directory.
 * plan.json, server.mjs (+ map) bundled from an entry that imports only what the plan uses,
 * and optionally the Dockerfile, docker-compose.yml, .env.example and contract.test.mjs.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RoutingPlan } from '../plan/routing-plan.ts';
import { bundleProxy } from './bundle-proxy.ts';
import { selectModules, type BundleSelection } from './bundle-selection.ts';
import { emitCompose } from './emit-compose.ts';
import { emitContractTests } from './emit-contract-tests.ts';
import { emitDockerfile } from './emit-dockerfile.ts';
import { emitEntry } from './emit-entry.ts';
import { emitEnvExample } from './emit-env-example.ts';
import { planEnvVars, type PlanEnvVar } from './plan-env-vars.ts';
import { litegateVersion } from '../../runtime/server/litegate-version.ts';

/** Every file a build may write; a rebuild removes these first so none is left stale. */
export const outputFiles = ['plan.json', 'server.mjs', 'server.mjs.map', 'Dockerfile', 'docker-compose.yml', '.env.example', 'contract.test.mjs'] as const;

/** Options of buildProxyBundle. */
export interface BuildOptions {
  readonly plan: RoutingPlan;
  /** The config's file name, used in headers and messages instead of a build-machine path. */
  readonly configName: string;
  readonly outDir: string;
  readonly minify?: boolean;
  /** Write Dockerfile, docker-compose.yml and .env.example (default true). */
  readonly docker?: boolean;
  /** Write contract.test.mjs (default true). */
  readonly tests?: boolean;
  /** Called before each step, for progress lines. */
  readonly onStep?: (step: string) => void;
}

/** What a build produced. */
export interface BuildSummary {
  readonly outDir: string;
  readonly files: readonly string[];
  readonly bundleBytes: number;
  readonly selection: BundleSelection;
  readonly services: { readonly redis: boolean; readonly postgres: boolean };
  /** The variables the plan reads (required first). */
  readonly envVars: readonly PlanEnvVar[];
  /** The source files inside the bundle (repository-relative; node_modules included). */
  readonly inputs: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Builds the directory. The plan is written as is: the caller (`litegate build`) refuses
 * configs with literal secrets (lint's hardcoded-secret findings) before getting here.
 */
export async function buildProxyBundle(options: BuildOptions): Promise<BuildSummary> {
  const step = options.onStep ?? (() => {});
  // The build machine's path means nothing in an image; the file name still identifies it.
  const plan: RoutingPlan = { ...options.plan, source: options.configName };
  const selection = selectModules(plan);
  const envVars = planEnvVars(plan);
  const warnings: string[] = [];
  const files: string[] = [];
  const write = async (name: string, text: string) => {
    await writeFile(join(options.outDir, name), text);
    files.push(name);
  };

  await mkdir(options.outDir, { recursive: true });
  await Promise.all(outputFiles.map((name) => rm(join(options.outDir, name), { force: true })));
  await write('plan.json', `${JSON.stringify(plan, null, 2)}\n`);

  step(`bundling server.mjs (adapters: ${selection.adapters.join(', ') || 'none'}; strategy: ${selection.strategy})`);
  const bundle = await bundleProxy({
    entry: emitEntry(plan, selection, { configName: options.configName, version: litegateVersion() }),
    selection,
    outfile: join(options.outDir, 'server.mjs'),
    configName: options.configName,
    ...(options.minify ? { minify: true } : {}),
  });
  files.push('server.mjs', 'server.mjs.map');
  warnings.push(...bundle.warnings);
  if (selection.allAdapters) warnings.push("a deployment uses model: \"*\" (provider taken from each request), so every provider adapter is bundled");

  let services = { redis: false, postgres: false };
  if (options.docker !== false) {
    step('writing Dockerfile, docker-compose.yml, .env.example');
    const compose = emitCompose(plan, envVars, options.configName);
    services = compose.services;
    warnings.push(...compose.warnings);
    await write('Dockerfile', emitDockerfile({ configName: options.configName }));
    await write('docker-compose.yml', compose.text);
    await write('.env.example', emitEnvExample(envVars, compose.extraVars, options.configName));
  }
  if (options.tests !== false) {
    step('writing contract.test.mjs');
    await write('contract.test.mjs', emitContractTests(plan, options.configName));
  }
  return { outDir: options.outDir, files, bundleBytes: bundle.bytes, selection, services, envVars, inputs: bundle.inputs, warnings };
}
