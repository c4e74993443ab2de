/**
 * `budget_duration` and `duration` strings as LiteLLM reads them (litellm-config.md §10):
 * a count and a unit, `30s`, `30m`, `30h`, `30d`, plus `w` (weeks) and `mo` (months,
 * counted as 30 days here; LiteLLM moves to the same day of the next month).
 */

const unitMs: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  mo: 30 * 86_400_000,
};

/** Milliseconds of a duration string, or undefined when it is not one. */
export function durationMs(value: string): number | undefined {
  const match = /^\s*(\d+)\s*(mo|s|m|h|d|w)\s*$/.exec(value);
  if (match === null) return undefined;
  const count = Number(match[1]);
  return count > 0 ? count * unitMs[match[2]!]! : undefined;
}
