/**
 * The resident memory of an empty Node process on this machine (the benchmark's own Node
 * binary, nothing loaded, nothing served): the part of every server's RSS in the table that
 * is Node itself, whatever the server does. Linux only (/proc); undefined elsewhere.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { treeRssBytes } from './proc-stats.ts';

/** Starts `node -e` that idles, reads its VmRSS once it is up, and stops it. */
export async function emptyNodeRssBytes(): Promise<number | undefined> {
  const child = spawn(process.execPath, ['-e', "process.stdout.write('up\\n'); setTimeout(() => {}, 30000)"], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    await once(child.stdout, 'data');
    // Let start-up finish (the first GC, lazily loaded internals) before reading.
    await new Promise((resolve) => setTimeout(resolve, 300));
    return child.pid === undefined ? undefined : treeRssBytes(child.pid);
  } finally {
    child.kill('SIGKILL');
  }
}
