import { describe, expect, it } from 'vitest';
import { renderResult } from './optional-benches.ts';
import { fixed, formatTable, mebibytes, percentage, signed } from './text-table.ts';

describe('formatTable', () => {
  it('pads columns, left-aligns the first and right-aligns the rest', () => {
    expect(formatTable(['target', 'req/s'], [['bare', '25,000'], ['litegate serve', '9']])).toBe(
      ['target           req/s', '--------------  ------', 'bare            25,000', 'litegate serve       9'].join('\n'),
    );
  });
});

describe('number cells', () => {
  it('formats figures and shows missing ones as a dash', () => {
    expect(fixed(0.12345, 3)).toBe('0.123');
    expect(fixed(Number.NaN, 3)).toBe('—');
    expect(signed(0.1, 3)).toBe('+0.100');
    expect(signed(-0.05, 2)).toBe('-0.05');
    expect(mebibytes(120 * 1024 * 1024)).toBe('120.0');
    expect(mebibytes(undefined)).toBe('—');
    expect(percentage(0.0326, 2)).toBe('3.26%');
    expect(percentage(0, 2)).toBe('0.00%');
    expect(percentage(Number.NaN, 2)).toBe('—');
  });
});

describe('renderResult (lint and simulator results of any shape)', () => {
  it('renders arrays of records as a table and nested objects as indented lines', () => {
    const text = renderResult({ runs: [{ deployments: 10, ms: 41.5 }, { deployments: 2000, ms: 812 }], node: 'v24' });
    expect(text).toBe(
      ['runs:', '  deployments    ms', '  -----------  ----', '  10           41.5', '  2,000         812', 'node: v24'].join('\n'),
    );
  });

  it('renders sibling flat records as one table with their keys as the first column', () => {
    const text = renderResult({ connections: 16, nonStreaming: { rps: 5000, p50Ms: 2 }, streaming: { rps: 1200, p50Ms: 9 } });
    expect(text).toBe(['connections: 16', '                rps  p50Ms', '------------  -----  -----', 'nonStreaming  5,000      2', 'streaming     1,200      9'].join('\n'));
  });
});
