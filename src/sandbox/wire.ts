import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** The page a reverse proxy sends when the panel behind it failed. */
export const PROXY_502_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
  '<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n' +
  '</body>\r\n</html>\r\n';

/** The page for any path other than the API's. */
export const NOT_FOUND_PAGE =
  '<!DOCTYPE html><html><head><title>404 Not Found</title></head>' +
  '<body><h1>Not Found</h1></body></html>';

function isGone(response: ServerResponse): boolean {
  return response.destroyed || response.writableEnded || response.socket?.destroyed === true;
}

/** Sends a text body, unless the client has already gone. */
export function sendText(
  response: ServerResponse,
  status: number,
  contentType: string,
  text: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (isGone(response)) return;
  response.writeHead(status, {
    ...headers,
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}

/** Sends a JSON body. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendText(response, status, 'application/json; charset=utf-8', JSON.stringify(body), headers);
}

/**
 * A JSON text cut short, as when a PHP worker dies mid-answer: `{"order":10023}` becomes
 * `{"order":100`. A cut object or array can never parse.
 */
export function truncateJson(text: string): string {
  return text.slice(0, Math.max(1, Math.floor(text.length * 0.6)));
}

/** Drops the connection with a TCP reset (the client sees ECONNRESET or "other side closed"). */
export function resetConnection(socket: Socket): void {
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}
