import { describe, expect, it } from 'vitest';
import { emptyNodeRssBytes } from './node-floor.ts';

describe('emptyNodeRssBytes', () => {
  it.runIf(process.platform === 'linux')('reads the RSS of an idle Node process: more than the binary needs to start, far less than a server', async () => {
    const rss = await emptyNodeRssBytes();
    expect(rss).toBeGreaterThan(10 * 1024 * 1024);
    expect(rss).toBeLessThan(200 * 1024 * 1024);
  });
});
