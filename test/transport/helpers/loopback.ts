import { type ChildProcess, spawn } from 'node:child_process';
import {
  createServer as createHttpServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { connect, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { afterEach } from 'vitest';
import type { TransportError } from '../../../src/errors/transport-error.js';
import type { Transport } from '../../../src/transport/transport.js';
import {
  createUndiciTransport,
  type UndiciTransportOptions,
} from '../../../src/transport/undici-transport.js';

/** One request as the loopback HTTP server read it. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A server listening on 127.0.0.1 with a random port. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>/api/v2` */
  url: string;
  /** Connections accepted so far. */
  connections(): number;
}

export interface LoopbackHttpServer extends LoopbackServer {
  /** Requests whose body was read completely. */
  requests: ReceivedRequest[];
  /** Resolves with the next request read completely. */
  nextRequest(): Promise<ReceivedRequest>;
}

/** Called once the request body is read; the server does nothing more unless it answers. */
export type Respond = (
  res: ServerResponse,
  req: IncomingMessage,
  received: ReceivedRequest,
) => void;

/**
 * Loopback servers and transports for one test file, all closed after each test: servers stop,
 * every accepted socket is destroyed, transports are closed and child processes killed, so no
 * handle outlives its test.
 */
export function useLoopback() {
  const cleanups: (() => unknown)[] = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function track(server: Server): { sockets: Set<Socket>; count: () => number } {
    const sockets = new Set<Socket>();
    let count = 0;
    server.on('connection', (socket: Socket) => {
      count += 1;
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
    });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        }),
    );
    return { sockets, count: () => count };
  }

  async function listen(server: Server): Promise<number> {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return address.port;
  }

  return {
    /** A transport closed after the test. */
    transport(options?: UndiciTransportOptions): Transport {
      const transport = createUndiciTransport(options);
      cleanups.push(() => transport.close());
      return transport;
    },

    /** An HTTP server that reads each request body, records it, then calls `respond`. */
    async http(respond: Respond): Promise<LoopbackHttpServer> {
      const requests: ReceivedRequest[] = [];
      const waiting: ((request: ReceivedRequest) => void)[] = [];
      const server = createHttpServer((req, res) => {
        res.on('error', () => {});
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const received: ReceivedRequest = {
            method: req.method ?? '',
            url: req.url ?? '',
            headers: req.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          };
          requests.push(received);
          waiting.shift()?.(received);
          respond(res, req, received);
        });
      });
      server.keepAliveTimeout = 30_000;
      const { count } = track(server);
      const port = await listen(server);
      return {
        url: `http://127.0.0.1:${port}/api/v2`,
        connections: count,
        requests,
        nextRequest: () => new Promise((resolve) => waiting.push(resolve)),
      };
    },

    /** A raw TCP server: `onSocket` decides what each accepted socket sees. */
    async tcp(onSocket: (socket: Socket) => void): Promise<LoopbackServer> {
      const server = createTcpServer(onSocket);
      const { count } = track(server);
      const port = await listen(server);
      return { url: `http://127.0.0.1:${port}/api/v2`, connections: count };
    },

    /** A URL on 127.0.0.1 where nothing listens (a port just freed). */
    async refusedUrl(): Promise<string> {
      const server = createTcpServer();
      const port = await listen(server);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return `http://127.0.0.1:${port}/api/v2`;
    },

    /**
     * A URL on 127.0.0.1 where connecting hangs: a child process listens with a backlog of 1 and
     * never accepts (its event loop is blocked), and two filler connections fill the accept
     * queue, so the kernel drops further SYNs and a connect attempt times out.
     */
    async neverAcceptingUrl(): Promise<string> {
      const child: ChildProcess = spawn(process.execPath, ['-e', NEVER_ACCEPT_SCRIPT], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      cleanups.push(() => {
        child.kill('SIGKILL');
      });
      const port = await new Promise<number>((resolve, reject) => {
        child.once('error', reject);
        child.stdout?.once('data', (data: Buffer) => resolve(Number(String(data).trim())));
      });

      for (let attempt = 0; ; attempt += 1) {
        if (attempt === 16) throw new Error('the accept queue never filled up');
        const filler = connect(port, '127.0.0.1');
        filler.on('error', () => {});
        cleanups.push(() => filler.destroy());
        const connected = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), 200);
          filler.once('connect', () => {
            clearTimeout(timer);
            resolve(true);
          });
        });
        if (!connected) break;
      }
      return `http://127.0.0.1:${port}/api/v2`;
    },
  };
}

const NEVER_ACCEPT_SCRIPT = `
const net = require('node:net');
const fs = require('node:fs');
const server = net.createServer();
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  fs.writeSync(1, String(server.address().port) + '\\n');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
});
`;

/** Parses a form-encoded body the way a PHP panel would. */
export function parseForm(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

/** Awaits a send and returns the error it rejected with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (error) {
    return error as TransportError;
  }
  throw new Error('expected the promise to reject, but it resolved');
}
