import { describe, expect, it } from 'vitest';
import { missingServeEnvironment, missingServeFlags, serveEnvironment, serveNodeFlags } from '../../../compiler/cli/serve-node-flags.js';

describe('missingServeFlags', () => {
  it('adds every serve flag when none is given', () => {
    expect(missingServeFlags([])).toEqual([...serveNodeFlags]);
    expect(missingServeFlags(['--enable-source-maps', ''])).toEqual([...serveNodeFlags]);
  });

  it('keeps a young-generation size the user chose, spelled either way', () => {
    expect(missingServeFlags(['--max-semi-space-size=32'])).toEqual(['--heap-growing-percent=30', '--no-maglev']);
    expect(missingServeFlags(['--max_semi_space_size=32'])).toEqual(['--heap-growing-percent=30', '--no-maglev']);
    expect(missingServeFlags(['--enable-source-maps', '--max-semi-space-size=4'])).toEqual(['--heap-growing-percent=30', '--no-maglev']);
  });

  it('keeps Maglev on when the user turned it on, and off when turned off either way', () => {
    expect(missingServeFlags(['--maglev'])).toEqual(['--max-semi-space-size=8', '--heap-growing-percent=30']);
    expect(missingServeFlags(['--no-maglev', '--max-semi-space-size=16', '--heap_growing_percent=0'])).toEqual([]);
  });

  it('adds nothing once every flag is there (the replaced process does not replace itself again)', () => {
    expect(missingServeFlags([...serveNodeFlags])).toEqual([]);
  });

  it('does not take a different flag that shares a prefix for one of its own', () => {
    expect(missingServeFlags(['--max-semi-space-size-extra=1', '--semi-space-growth-factor=2'])).toEqual([...serveNodeFlags]);
  });
});

describe('missingServeEnvironment', () => {
  it('sets the malloc arena limit when the environment does not', () => {
    expect(missingServeEnvironment({ PATH: '/usr/bin' })).toEqual({ ...serveEnvironment });
    expect(missingServeEnvironment({ MALLOC_ARENA_MAX: '' })).toEqual({ ...serveEnvironment });
  });

  it('keeps a value the user chose, and adds nothing once set (no second execve)', () => {
    expect(missingServeEnvironment({ MALLOC_ARENA_MAX: '8' })).toEqual({});
    expect(missingServeEnvironment({ ...serveEnvironment })).toEqual({});
  });
});
