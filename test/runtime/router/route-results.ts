/**
 * Unwraps what a router test got back from `route()` (a settled value that is either the
 * outcome or the error it threw): `outcome` when success is expected, `failure` when a
 * RoutingError is.
 */
import { expect } from 'vitest';
import { RoutingError, type RouteOutcome } from '../../../runtime/router/types.ts';

/** The outcome; rethrows if the router failed, so the test shows the real error. */
export function outcome(value: unknown): RouteOutcome<unknown> {
  if (value instanceof Error) throw value;
  return value as RouteOutcome<unknown>;
}

/** The RoutingError; fails the test if the router returned anything else. */
export function failure(value: unknown): RoutingError {
  expect(value).toBeInstanceOf(RoutingError);
  return value as RoutingError;
}
