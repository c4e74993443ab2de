/**
 * A loopback TCP relay in front of a service, which tests stop and start to make the service
 * "go away" and "come back" for the clients behind it without touching the shared server.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** Relays loopback connections to one host and port until stopped. */
export class TcpRelay {
  readonly #targetHost: string;
  readonly #targetPort: number;
  #server: Server | undefined;
  #port = 0;
  readonly #sockets = new Set<Socket>();
  /** While frozen, bytes are held back in both directions (a service that hangs). */
  #frozen = false;
  readonly #held: (() => void)[] = [];

  constructor(targetHost: string, targetPort: number) {
    this.#targetHost = targetHost;
    this.#targetPort = targetPort;
  }

  /** A relay in front of the host and port of a `redis://` URL. */
  static forUrl(url: string): TcpRelay {
    const parsed = new URL(url);
    return new TcpRelay(parsed.hostname, Number(parsed.port || 6379));
  }

  get port(): number {
    return this.#port;
  }

  /** Starts relaying (on the same port as before when restarted). */
  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection({ host: this.#targetHost, port: this.#targetPort });
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on('close', () => this.#sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      const relay = (from: Socket, to: Socket) =>
        from.on('data', (chunk: Buffer) => {
          if (this.#frozen) this.#held.push(() => to.write(chunk));
          else to.write(chunk);
        });
      relay(client, upstream);
      relay(upstream, client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => resolve());
    });
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** Holds every byte back, keeping connections open: the service hangs instead of failing. */
  freeze(): void {
    this.#frozen = true;
  }

  /** Delivers what was held back and relays normally again. */
  thaw(): void {
    this.#frozen = false;
    for (const deliver of this.#held.splice(0)) deliver();
  }

  /** Stops accepting and cuts every open connection, as a crashed server or a network cut would. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
