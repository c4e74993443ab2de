import { describe, expect, it } from 'vitest';
import { parseCpuTicks, parseVmRssBytes, treeCpuSeconds, treeRssBytes } from './proc-stats.ts';

describe('/proc parsing', () => {
  it('reads VmRSS in kB as bytes', () => {
    const status = 'Name:\tnode\nVmPeak:\t  999999 kB\nVmRSS:\t   53248 kB\nRssAnon:\t 1 kB\n';
    expect(parseVmRssBytes(status)).toBe(53248 * 1024);
    expect(parseVmRssBytes('Name:\tkthreadd\n')).toBeUndefined();
  });

  it('sums utime and stime, counting fields after the last parenthesis of the command name', () => {
    // Field 2 contains spaces and a ')' on purpose: naive splitting would shift every field.
    const stat = '4242 (node (x) y) S 1 4242 4242 0 -1 4194560 9000 0 0 0 1234 567 0 0 20 0 11 0 100 0 0';
    expect(parseCpuTicks(stat)).toBe(1234 + 567);
    expect(parseCpuTicks('garbage')).toBeUndefined();
  });

  it.runIf(process.platform === 'linux')('reads this process: non-zero RSS and CPU time', () => {
    expect(treeRssBytes(process.pid)).toBeGreaterThan(1024 * 1024);
    expect(treeCpuSeconds(process.pid)).toBeGreaterThan(0);
    expect(treeRssBytes(2 ** 22 + 12345)).toBeUndefined();
  });
});
