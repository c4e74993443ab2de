/**
 * Polls until a condition holds, for tests that wait on something that happens in the
 * background (a reconnect probe, a relay coming back); gives up with an error after the timeout.
 */

/** Resolves once `condition()` is true; rejects with 'condition not met in time' after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
