import type { ServerOptions } from 'node:http';
import type { ErpConfig } from './config.js';

/** The Fastify (and Node `http.Server`) options that bound how long a client may take. */
export interface HttpServerTimeouts {
  /** Whole request, body included (Fastify sets it on the server after creating it). */
  readonly requestTimeout: number;
  /** Socket inactivity: `server.setTimeout`. */
  readonly connectionTimeout: number;
  readonly keepAliveTimeout: number;
  /** Passed to `http.createServer`. */
  readonly http: ServerOptions;
}

/**
 * Timeouts from the configuration. Fastify leaves `requestTimeout` at 0 (none), so without these
 * a body sent one byte every few seconds holds a socket and a request forever. Node checks the
 * header and request deadlines on a timer (`connectionsCheckingInterval`, 30 s by default); it
 * runs here at a quarter of the shorter deadline, at most once a second, so a deadline is kept
 * within about a quarter of its length.
 */
export const httpServerTimeouts = (config: ErpConfig): HttpServerTimeouts => {
  const shorter = Math.min(config.httpHeadersTimeoutMs, config.httpRequestTimeoutMs);
  return {
    requestTimeout: config.httpRequestTimeoutMs,
    connectionTimeout: config.httpIdleTimeoutMs,
    keepAliveTimeout: config.httpKeepAliveTimeoutMs,
    http: {
      headersTimeout: config.httpHeadersTimeoutMs,
      requestTimeout: config.httpRequestTimeoutMs,
      connectionsCheckingInterval: Math.max(25, Math.min(1000, Math.floor(shorter / 4))),
    },
  };
};
