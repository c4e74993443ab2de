import type { NormalizedError } from '../adapter.ts';
import { UpstreamFailure } from '../../router/types.ts';

/**
 * Adapters raise their own failures as the router's UpstreamFailure (the error every
 * attempt throws), so the runtime answers them like any upstream HTTP error: a request
 * an adapter cannot translate (unsupported parameter, malformed tool-call arguments)
 * thrown from `buildRequest`, or an error the provider reported inside a 200 stream
 * thrown from `StreamTranslator.push`.
 */
export function adapterFailure(error: NormalizedError): UpstreamFailure {
  return new UpstreamFailure(error);
}

/** A 400 for a request the adapter cannot send (LiteLLM's BadRequestError / UnsupportedParamsError). */
export function badRequest(message: string, options: { param?: string; code?: string; errorClass?: string } = {}): UpstreamFailure {
  return new UpstreamFailure({
    status: 400,
    message,
    type: 'invalid_request_error',
    code: options.code ?? null,
    param: options.param ?? null,
    errorClass: options.errorClass ?? 'BadRequestError',
    retryable: false,
  });
}
