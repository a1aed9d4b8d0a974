import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** Sockets whose request was already answered before its body arrived (see body-drain.ts). */
export const answeredEarly = new WeakSet<Socket>();

const classify = (code: string | undefined) => {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        code: 'request_timeout',
        message: 'the request (headers or body) did not arrive in time',
      };
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        code: 'headers_too_large',
        message: 'the request headers are too large',
      };
    default:
      return { status: 400, code: 'bad_request', message: 'the request is not valid HTTP' };
  }
};

/**
 * Errors Node's HTTP parser and timers raise before (or while) Fastify handles a request: a
 * request that timed out, headers too large, a malformed request. Answered in the API envelope
 * where an answer can still be written (nothing of a response sent yet), then the connection is
 * closed: after such an error the stream cannot be trusted to continue.
 */
export function clientErrorHandler(
  this: FastifyInstance,
  error: Error & { code?: string },
  socket: Socket,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // Node's own fallback checks the same: whether a response is in flight on this socket.
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  const canAnswer =
    socket.writable && !answeredEarly.has(socket) && (inFlight?.headersSent ?? false) === false;
  const { status, code, message } = classify(error.code);
  this.log.info({ code: error.code, status }, 'client error');
  if (canAnswer) {
    const body = JSON.stringify({ error: { code, message, details: [] } });
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        'Cache-Control: no-store\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroySoon();
}
