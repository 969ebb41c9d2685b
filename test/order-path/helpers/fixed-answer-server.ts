import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback server that answers every request with the same status and body. */
export interface FixedAnswerServer {
  readonly url: string;
  /** Requests received so far. */
  requests(): number;
  close(): Promise<void>;
}

/**
 * Starts a panel stand-in for answers the sandbox does not give (an error text no rule
 * knows, for a read): every POST gets `status` and `body` as JSON.
 */
export async function startFixedAnswerServer(
  status: number,
  body: unknown,
): Promise<FixedAnswerServer> {
  let count = 0;
  const server = createServer((request, response) => {
    count += 1;
    request.resume();
    request.on('end', () => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v2`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
