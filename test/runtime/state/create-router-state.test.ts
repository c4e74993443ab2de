import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../runtime/router/create-router.ts';
import { createRouterState } from '../../../runtime/state/create-router-state.ts';
import { buildPlan } from '../router/plan-builder.ts';
import { closedPort } from './closed-port.ts';

describe('createRouterState', () => {
  it('keeps state in memory when router_settings configure no Redis', async () => {
    const state = await createRouterState({ now: Date.now });
    expect(state.kind).toBe('memory');
    await state.close();
  });

  it('names the unset variable of an os.environ/ Redis setting, never a value', async () => {
    await expect(createRouterState({ now: Date.now, redis: { host: { env: 'LITEGATE_TEST_UNSET_HOST' }, port: 6379 }, env: {} })).rejects.toThrow(
      'router_settings.redis_host refers to environment variable LITEGATE_TEST_UNSET_HOST, which is not set',
    );
  });

  it('routes on local state, logging once, when the configured Redis is not reachable', async () => {
    const lines: string[] = [];
    const logger = { warn: (line: string) => lines.push(line), info: (line: string) => lines.push(line) };
    const plan = buildPlan({ deployments: [{ id: 'a', group: 'g', rpm: 2 }], router: { strategy: 'usage-based-routing-v2', redis: { host: '127.0.0.1', port: await closedPort() } } });
    const router = await createRouter(plan, { logger });
    try {
      const statuses: string[] = [];
      for (let i = 0; i < 3; i++) {
        try {
          const outcome = await router.execute({ model: 'g', operation: 'chat', stream: false, inputTokens: 1, body: {}, signal: new AbortController().signal }, async () => 'ok');
          outcome.settle({});
          statuses.push('ok');
        } catch (error) {
          statuses.push((error as { error: { status: number } }).error.status.toString());
        }
      }
      // The rpm limit still holds, on this instance's own window.
      expect(statuses).toEqual(['ok', 'ok', '429']);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('unavailable');
    } finally {
      await router.close();
    }
  });
});
