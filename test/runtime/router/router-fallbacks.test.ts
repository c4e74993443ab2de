import { describe, expect, it } from 'vitest';
import { errors, harness } from './router-harness.ts';
import { failure, outcome } from './route-results.ts';

const groups = {
  deployments: [
    { id: 'p', group: 'primary' },
    { id: 'b1', group: 'backup-1' },
    { id: 'b2', group: 'backup-2' },
    { id: 'cw', group: 'long-context' },
    { id: 'cp', group: 'lenient' },
    { id: 'd', group: 'default' },
  ],
};

describe('router fallbacks', () => {
  it('tries generic fallbacks in order, each with its own retries, and reports the count', async () => {
    const h = await harness({ ...groups, router: { numRetries: 1, fallbacks: { primary: ['backup-1', 'backup-2'] } } }, { script: { p: [errors.serverError()], b1: [errors.serverError()] } });
    const result = outcome(await h.request('primary'));
    expect(h.calls.map((call) => `${call.group}:${call.attempt}`)).toEqual(['primary:0', 'primary:1', 'backup-1:0', 'backup-1:1', 'backup-2:0']);
    expect(result.group).toBe('backup-2');
    expect(result.attemptedFallbacks).toBe(2);
    expect(result.attemptedRetries).toBe(0);
  });

  it('a context-window error uses context_window_fallbacks and not the generic list', async () => {
    const h = await harness({ ...groups, router: { numRetries: 0, fallbacks: { primary: ['backup-1'] }, contextWindowFallbacks: { primary: ['long-context'] } } }, { script: { p: [errors.contextWindow()] } });
    const result = outcome(await h.request('primary'));
    expect(result.group).toBe('long-context');
    expect(h.calls.map((call) => call.deployment)).toEqual(['p', 'cw']);
  });

  it('a context-window error with the list configured but no entry for the group does not fall back', async () => {
    const h = await harness({ ...groups, router: { numRetries: 0, fallbacks: { primary: ['backup-1'] }, contextWindowFallbacks: { other: ['long-context'] } } }, { script: { p: [errors.contextWindow()] } });
    failure(await h.request('primary'));
    expect(h.calls.map((call) => call.deployment)).toEqual(['p']);
  });

  it('a context-window error without context_window_fallbacks uses the generic list', async () => {
    const h = await harness({ ...groups, router: { numRetries: 0, fallbacks: { primary: ['backup-1'] } } }, { script: { p: [errors.contextWindow()] } });
    expect(outcome(await h.request('primary')).group).toBe('backup-1');
  });

  it('a content-policy error uses content_policy_fallbacks', async () => {
    const h = await harness({ ...groups, router: { numRetries: 0, fallbacks: { primary: ['backup-1'] }, contentPolicyFallbacks: { primary: ['lenient'] } } }, { script: { p: [errors.contentPolicy()] } });
    expect(outcome(await h.request('primary')).group).toBe('lenient');
  });

  it('default_fallbacks (the "*" entry) apply to groups without their own entry', async () => {
    const h = await harness({ ...groups, router: { numRetries: 0, fallbacks: { '*': ['default'] } } }, { script: { b1: [errors.serverError()] } });
    expect(outcome(await h.request('backup-1')).group).toBe('default');
  });

  it('a wildcard group matches a fallback key without its provider prefix', async () => {
    const h = await harness(
      { deployments: [{ id: 'w', group: 'openai/*', upstreamModel: '*' }, { id: 'b1', group: 'backup-1' }], router: { numRetries: 0, fallbacks: { 'gpt-4o': ['backup-1'] } } },
      { script: { w: [errors.serverError()] } },
    );
    expect(outcome(await h.request('openai/gpt-4o')).group).toBe('backup-1');
  });

  it('chains fallbacks A → B → C and stops at max_fallbacks', async () => {
    const chain = { primary: ['backup-1'], 'backup-1': ['backup-2'], 'backup-2': ['default'] };
    const script = { p: [errors.serverError()], b1: [errors.serverError()], b2: [errors.serverError()] };
    const unlimited = await harness({ ...groups, router: { numRetries: 0, fallbacks: chain } }, { script });
    expect(outcome(await unlimited.request('primary')).group).toBe('default');
    const limited = await harness({ ...groups, router: { numRetries: 0, fallbacks: chain, maxFallbacks: 2 } }, { script });
    const error = failure(await limited.request('primary'));
    expect(limited.calls.map((call) => call.deployment)).toEqual(['p', 'b1', 'b2']);
    expect(error.attemptedFallbacks).toBe(2);
  });

  it('raises the original error, annotated with the fallbacks tried', async () => {
    const h = await harness({ ...groups, router: { numRetries: 0, fallbacks: { primary: ['backup-1'] } } }, { script: { p: [errors.rateLimited()], b1: [errors.serverError()] } });
    const error = failure(await h.request('primary'));
    expect(error.error.status).toBe(429);
    expect(error.error.message).toContain("Received Model Group=primary\nAvailable Model Group Fallbacks=['backup-1']\nError doing the fallback: InternalServerError");
    expect(error.attemptedFallbacks).toBe(1);
  });

  it('fallbacks in the request body replace the router list, even when empty', async () => {
    const h = await harness({ ...groups, router: { numRetries: 0, fallbacks: { primary: ['backup-1'] } } }, { script: { p: [errors.serverError()] } });
    expect(outcome(await h.request('primary', { body: { fallbacks: ['backup-2'] } })).group).toBe('backup-2');
    failure(await h.request('primary', { body: { fallbacks: [] } }));
    failure(await h.request('primary', { body: { disable_fallbacks: true } }));
  });

  it('all-cooling 429 goes to generic fallbacks', async () => {
    const h = await harness(
      { deployments: [{ id: 'a', group: 'g' }, { id: 'b', group: 'g' }, { id: 'b1', group: 'backup-1' }], router: { fallbacks: { g: ['backup-1'] } } },
      { script: { a: [errors.rateLimited()], b: [errors.rateLimited()] } },
    );
    await h.request('a');
    await h.request('b');
    const result = outcome(await h.request('g'));
    expect(result.group).toBe('backup-1');
    expect(h.calls.at(-1)!.deployment).toBe('b1');
  });

  it('fallbacks written for a group also fire for requests through its alias', async () => {
    const h = await harness({ ...groups, aliases: { smart: 'primary' }, router: { numRetries: 0, fallbacks: { primary: ['backup-1'] } } }, { script: { p: [errors.serverError()] } });
    const result = outcome(await h.request('smart'));
    expect(result.group).toBe('backup-1');
  });

  it('tells the attempt when a content-filtered response must count as a content-policy failure', async () => {
    const seen: (boolean | undefined)[] = [];
    const check = async (router: object, model: string, stream = false) => {
      const h = await harness({ ...groups, router });
      const outcome = await h.router.execute({ model, operation: 'chat', stream, inputTokens: 1, body: {}, signal: new AbortController().signal }, async (_deployment, info) => {
        seen.push(info.blockedOutputFails);
        return 'ok';
      });
      outcome.settle({});
    };
    await check({ contentPolicyFallbacks: { primary: ['lenient'] } }, 'primary');
    await check({ contentPolicyFallbacks: { other: ['lenient'] } }, 'primary');
    await check({ fallbacks: { '*': ['default'] } }, 'primary');
    await check({ fallbacks: { primary: ['backup-1'] } }, 'primary');
    await check({ contentPolicyFallbacks: { primary: ['lenient'] } }, 'primary', true);
    expect(seen).toEqual([true, false, true, false, false]);
  });

  it.each([
    ['mock_testing_fallbacks', 'InternalServerError', 'backup-1', 'to trigger a fallback. Fallbacks='],
    ['mock_testing_context_fallbacks', 'ContextWindowExceededError', 'long-context', 'to trigger a context window fallback'],
    ['mock_testing_content_policy_fallbacks', 'ContentPolicyViolationError', 'lenient', 'to trigger a content policy fallback'],
  ])('%s raises a mock %s at the first group only, so its fallback answers', async (flag, _errorClass, target) => {
    const h = await harness({
      ...groups,
      router: { fallbacks: { primary: ['backup-1'] }, contextWindowFallbacks: { primary: ['long-context'] }, contentPolicyFallbacks: { primary: ['lenient'] } },
    });
    const result = outcome(await h.request('primary', { body: { [flag]: 'true' } }));
    expect(result.group).toBe(target);
    expect(h.calls.map((call) => call.group)).toEqual([target]);
    expect(result.attemptedFallbacks).toBe(1);
  });

  it('a mock failure without fallbacks reaches the client with LiteLLM\'s message', async () => {
    const h = await harness(groups);
    const error = failure(await h.request('primary', { body: { mock_testing_fallbacks: true } }));
    expect(error.error.status).toBe(500);
    expect(error.error.message).toBe('litellm.InternalServerError: This is a mock exception for model=primary, to trigger a fallback. Fallbacks=None');
    expect(h.calls).toEqual([]);
  });
});
