import type { FastifyReply, FastifyRequest } from 'fastify';
import { answeredEarly } from './client-error.js';

/** The most bytes of an already-refused body read and thrown away before the socket is cut. */
export const maxDrainBytes = 16 * 1024 * 1024;

/**
 * An answer sent before the request's body has arrived (413 over 1 MiB, 401, 415…) must reach a
 * client that is still sending. Closing the socket at once (what Fastify asks with
 * `Connection: close`) makes the client's next write fail with EPIPE/ECONNRESET, and the kernel
 * may discard the answer unread. So the connection stays open and the rest of the body is read
 * and discarded — up to `maxDrainBytes`, and within the request timeout — before the
 * connection is reused or closed. Called for every answer (response-headers.plugin.ts' onSend);
 * nearly every one leaves at the first line.
 */
export const drainUnreadBody = (request: FastifyRequest, reply: FastifyReply): void => {
  const raw = request.raw;
  const { 'content-length': length, 'transfer-encoding': encoding } = raw.headers;
  // Neither header: the request has no body (RFC 9112, 6.3). Most answers leave here, `inject`'s
  // too, whose requests never say `complete`.
  if (encoding === undefined && (length === undefined || length === '0')) return;
  if (raw.complete || raw.destroyed) return;
  reply.removeHeader('connection');
  const socket = raw.socket;
  answeredEarly.add(socket);
  let drained = 0;
  raw.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > maxDrainBytes) socket.destroy();
  });
  raw.once('end', () => answeredEarly.delete(socket));
  raw.resume();
};
