/**
 * The server's side of virtual keys: after the master key did not match, the presented
 * key is checked against the store. Sends the refusal itself; returns the grant (LLM
 * routes) or true (read-only routes) when the request may go on.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from '../server/openai-error.ts';
import type { ProxyRuntime } from '../server/proxy-runtime.ts';
import type { KeyGrant, VirtualKeys } from './virtual-keys.ts';

/** Checks a virtual key for an LLM request (limits counted); undefined when refused (answer sent). */
export async function admitVirtualKey(keys: VirtualKeys, runtime: ProxyRuntime, request: IncomingMessage, response: ServerResponse): Promise<KeyGrant | undefined> {
  const presented = runtime.auth.presentedKey(request.headers);
  const admission = presented === undefined ? undefined : await keys.admit(presented);
  if (admission !== undefined && 'grant' in admission) return admission.grant;
  request.resume();
  if (admission !== undefined) sendError(response, admission.error, admission.headers);
  return undefined;
}

/** Checks a virtual key for a read-only route (no limits counted); false when refused (answer sent). */
export async function verifyVirtualKey(keys: VirtualKeys, runtime: ProxyRuntime, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  const presented = runtime.auth.presentedKey(request.headers);
  const admission = presented === undefined ? undefined : await keys.verify(presented);
  if (admission !== undefined && 'grant' in admission) return true;
  request.resume();
  if (admission !== undefined) sendError(response, admission.error, admission.headers);
  return false;
}
