import { describe, expect, it } from 'vitest';
import { main } from '../../compiler/cli/main.ts';

describe('litegate CLI dispatcher', () => {
  it('exits 2 with usage on an unknown command', async () => {
    const code = await main(['no-such-command']);
    expect(code).toBe(2);
  });
  it('prints help and exits 0 for --help', async () => {
    expect(await main(['--help'])).toBe(0);
  });
});
