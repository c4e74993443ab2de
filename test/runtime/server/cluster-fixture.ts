// Fixture process for cluster.test.ts: a clustered HTTP server that answers with its pid.
// CLUSTER_FIXTURE_MODE=fail-start makes every worker exit with code 3 before listening;
// crash-loop makes every worker exit with code 1 right after it started listening.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isClusterWorker, releaseWorkerOnShutdown, runClusterPrimary } from '../../../runtime/server/cluster.ts';

if (!isClusterWorker()) {
  const code = await runClusterPrimary({ workers: Number(process.env.CLUSTER_FIXTURE_WORKERS ?? 2), log: (line) => console.log(JSON.stringify({ log: line })), shutdownGraceMs: 3000, maxRestarts: 2 });
  console.log(JSON.stringify({ primaryExit: code }));
  process.exitCode = code;
} else if (process.env.CLUSTER_FIXTURE_MODE === 'fail-start') {
  console.log(JSON.stringify({ failing: process.pid }));
  process.exit(3);
} else {
  releaseWorkerOnShutdown();
  const server = createServer((_request, response) => response.end(String(process.pid)));
  server.keepAliveTimeout = 1;
  server.listen(Number(process.env.CLUSTER_FIXTURE_PORT ?? 0), '127.0.0.1', () => {
    console.log(JSON.stringify({ worker: process.pid, port: (server.address() as AddressInfo).port }));
    if (process.env.CLUSTER_FIXTURE_MODE === 'crash-loop') setTimeout(() => process.exit(1), 20);
  });
  process.once('SIGTERM', () => {
    console.log(JSON.stringify({ closing: process.pid }));
    server.close();
  });
}
