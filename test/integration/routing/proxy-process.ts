/**
 * Fixture process for the multi-instance tests: one proxy (real server and router) for a
 * config, sending upstream calls to a simulator started by the test. Prints
 * `{"port": N}` once listening; exits on SIGTERM.
 *
 * argv: CONFIG_PATH SIMULATOR_URL. env: LITEGATE_TEST_KEY_PREFIX (Redis key prefix, so
 * tests on a shared Redis stay apart), LITEGATE_TEST_INSTANCE (instance id).
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { lowerToPlan } from '../../../compiler/plan/lower.ts';
import { createRouter } from '../../../runtime/router/create-router.ts';
import { startProxy } from '../../../runtime/server/start-proxy.ts';

const [configPath, simulatorUrl] = process.argv.slice(2);
if (!configPath || !simulatorUrl) throw new Error('usage: proxy-process.ts CONFIG_PATH SIMULATOR_URL');
const plan = lowerToPlan(parse(await readFile(configPath, 'utf8')) as Record<string, unknown>, configPath);
const keyPrefix = process.env['LITEGATE_TEST_KEY_PREFIX'];
const instanceId = process.env['LITEGATE_TEST_INSTANCE'];
const proxy = await startProxy({
  plan,
  port: 0,
  simulatorOrigin: simulatorUrl,
  env: {},
  createRouter: (routingPlan) => createRouter(routingPlan, { ...(keyPrefix ? { keyPrefix } : {}), ...(instanceId ? { instanceId } : {}) }),
});
process.stdout.write(`${JSON.stringify({ port: proxy.port })}\n`);
process.once('SIGTERM', () => {
  void proxy.close().finally(() => process.exit(0));
});
