// Types for the two undici modules the runtime imports by path (upstream-client.ts): undici
// publishes types for its index only. Each module's export is what the index re-exports:
// the Agent class, and request(), which the index installs as Dispatcher#request.
declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici';
  export default Agent;
}

declare module 'undici/lib/api/api-request.js' {
  import type { Dispatcher } from 'undici';
  export default function request(this: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
}
