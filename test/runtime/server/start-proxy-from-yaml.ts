/**
 * Starts the proxy straight from config text, the way server tests write their configs:
 * YAML → lowerToPlan → startProxy on an ephemeral port.
 */
import { parse } from 'yaml';
import { lowerToPlan } from '../../../compiler/plan/lower.ts';
import { startProxy, type RunningProxy, type StartProxyOptions } from '../../../runtime/server/start-proxy.ts';

/**
 * Runs the proxy for `config` (a litellm_config.yaml as text) on port 0. `env` is the only
 * environment it reads (empty unless given), so the machine's variables never leak in.
 */
export function startProxyFromYaml(config: string, options: Omit<StartProxyOptions, 'plan' | 'port'> = {}): Promise<RunningProxy> {
  return startProxy({ plan: lowerToPlan(parse(config) as Record<string, unknown>, '/c.yaml'), port: 0, env: {}, ...options });
}
