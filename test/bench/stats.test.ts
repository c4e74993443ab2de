import { describe, expect, it } from 'vitest';
import { median, pairedRatios, percentile, summarizeHistogramUs, summarizeNanoseconds } from './stats.ts';

const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

describe('percentile (nearest rank)', () => {
  it('returns the smallest sample with at least p% of samples at or below it', () => {
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 91)).toBe(10);
  });

  it('never interpolates: the result is always one of the samples', () => {
    expect(percentile([10, 20], 50)).toBe(10);
    expect(percentile([10, 20], 51)).toBe(20);
  });

  it('sorts numerically without modifying the input', () => {
    const samples = [100, 9, 30, 2, 1000];
    expect(percentile(samples, 50)).toBe(30);
    expect(percentile(samples, 99)).toBe(1000);
    expect(samples).toEqual([100, 9, 30, 2, 1000]);
  });

  it('uses the single sample for any p and NaN for none', () => {
    expect(percentile([7], 1)).toBe(7);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('rejects p outside (0, 100]', () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('ignores NaN rounds and is NaN when nothing is left', () => {
    expect(median([Number.NaN, 5, 1])).toBe(3);
    expect(median([])).toBeNaN();
  });
});

describe('summarizeNanoseconds', () => {
  it('reports milliseconds with sub-microsecond precision kept', () => {
    const samples = Array.from({ length: 100 }, (_, i) => (i + 1) * 1_000 + 1); // 1.001 µs … 100.001 µs
    const summary = summarizeNanoseconds(samples);
    expect(summary.count).toBe(100);
    expect(summary.p50Ms).toBeCloseTo(0.050001, 9);
    expect(summary.p99Ms).toBeCloseTo(0.099001, 9);
    expect(summary.meanMs).toBeCloseTo(0.050501, 9);
  });

  it('reports the share of samples over 1 ms, exactly 1 ms not counted', () => {
    const samples = [0.2e6, 1e6, 1.000001e6, 3e6, 0.5e6, 0.9e6, 0.1e6, 12e6];
    expect(summarizeNanoseconds(samples).slowShare).toBe(3 / 8);
    expect(summarizeNanoseconds([0.3e6, 0.4e6]).slowShare).toBe(0);
    expect(summarizeNanoseconds([]).slowShare).toBeNaN();
  });
});

describe('summarizeHistogramUs', () => {
  it('gives the same percentiles and mean as the expanded samples, in milliseconds', () => {
    // Two rounds' histograms concatenated: values repeat and come unsorted.
    const bins: [number, number][] = [[300, 2], [120, 50], [5000, 1], [130, 40], [120, 6], [140, 1]];
    const expanded = bins.flatMap(([value, count]) => Array.from({ length: count }, () => value * 1000));
    const fromSamples = summarizeNanoseconds(expanded);
    const fromBins = summarizeHistogramUs(bins);
    expect(fromBins.count).toBe(100);
    expect(fromBins.p50Ms).toBe(fromSamples.p50Ms);
    expect(fromBins.p90Ms).toBe(fromSamples.p90Ms);
    expect(fromBins.p99Ms).toBe(fromSamples.p99Ms);
    expect(fromBins.meanMs).toBeCloseTo(fromSamples.meanMs, 9);
    expect([fromBins.p50Ms, fromBins.p90Ms, fromBins.p99Ms]).toEqual([0.12, 0.13, 0.3]);
    expect(fromBins.slowShare).toBe(fromSamples.slowShare);
    expect(fromBins.slowShare).toBe(0.01);
  });

  it('ignores empty bins and reports NaN for no samples', () => {
    expect(summarizeHistogramUs([[100, 0]]).p50Ms).toBeNaN();
    expect(summarizeHistogramUs([]).count).toBe(0);
    expect(summarizeHistogramUs([[100, 0], [200, 1]]).p99Ms).toBe(0.2);
    expect(summarizeHistogramUs([]).slowShare).toBeNaN();
    expect(summarizeHistogramUs([[1000, 3], [1001, 1]]).slowShare).toBe(0.25);
  });
});

describe('pairedRatios', () => {
  it('takes the median and range of round-by-round ratios, so a slow phase of the machine cancels out', () => {
    // Round 3 ran while the machine was slow: both targets halved.
    const litegate = [100, 110, 50, 105];
    const other = [20, 22, 10, 30];
    const paired = pairedRatios(litegate, other);
    expect(paired.pairs).toBe(4);
    expect(paired.median).toBe(5);
    expect(paired.min).toBe(3.5);
    expect(paired.max).toBe(5);
  });

  it('skips pairs without a positive divisor and reports NaN for none', () => {
    expect(pairedRatios([10, 20], [0, 10]).median).toBe(2);
    expect(pairedRatios([10], []).pairs).toBe(0);
    expect(pairedRatios([10], [0]).median).toBeNaN();
  });
});
