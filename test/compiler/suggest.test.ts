/**
 * "Did you mean" matching: separator and case slips always match, real typos match within
 * a budget that grows with length, and unrelated words never do.
 */
import { describe, expect, it } from 'vitest';
import { editDistance, nearestName, suggestValue } from '../../compiler/diagnostics/suggest.ts';

describe('nearestName', () => {
  const table: readonly [string, readonly string[], string | undefined][] = [
    ['general_setting', ['general_settings', 'router_settings'], 'general_settings'],
    ['routerSettings', ['general_settings', 'router_settings'], 'router_settings'],
    ['litellm-params', ['litellm_params'], 'litellm_params'],
    ['enable_pre_call_check', ['enable_pre_call_checks'], 'enable_pre_call_checks'],
    ['drop_parms', ['drop_params', 'modify_params'], 'drop_params'],
    ['rpm', ['tpm'], undefined],
    ['default_model', ['default_team_settings', 'drop_params'], undefined],
    ['banned_keywords', ['callbacks', 'success_callback'], undefined],
  ];
  for (const [name, candidates, expected] of table) {
    it(`${name} → ${String(expected)}`, () => {
      expect(nearestName(name, candidates)).toBe(expected);
    });
  }

  it('prefers an abbreviation target when nothing is near', () => {
    expect(suggestValue('simple', ['simple-shuffle', 'least-busy'])).toBe('simple-shuffle');
    expect(suggestValue('latency-based', ['least-busy', 'latency-based-routing'])).toBe('latency-based-routing');
    expect(suggestValue('xyz', ['least-busy'])).toBeUndefined();
  });

  it('computes optimal string alignment distance with transpositions', () => {
    expect(editDistance('least-busy', 'lesat-busy')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
  });
});
