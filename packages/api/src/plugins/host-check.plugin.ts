import fp from 'fastify-plugin';
import { httpError } from '../http/http-error-codes.js';

/** Refuses a Host header outside ALLOWED_HOSTS (no wildcard hosts, as the seed system did). */
export const hostCheckPlugin = fp(
  async (app, options: { readonly allowedHosts: readonly string[] }) => {
    if (options.allowedHosts.length === 0) return;
    const allowed = new Set(options.allowedHosts.map((h) => h.toLowerCase()));
    app.addHook('onRequest', (request, _reply, done) => {
      const host = (request.headers.host ?? '').toLowerCase();
      // An allowed name matches with or without a port ("api.example.com" allows "api.example.com:8443").
      const name = host.replace(/:\d+$/, '');
      done(
        allowed.has(host) || allowed.has(name)
          ? undefined
          : httpError('invalid_host', `host ${JSON.stringify(host)} is not allowed`),
      );
    });
  },
  { name: 'erpcore-host-check' },
);
