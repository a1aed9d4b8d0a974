import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { ApiKey, Role } from '../config/env-codecs.js';
import type { Access, Principal } from './fastify-types.js';
import { httpError } from '../http/http-error-codes.js';

const permits: Record<Role, ReadonlySet<Access>> = {
  admin: new Set(['public', 'query', 'command', 'audit', 'admin']),
  operator: new Set(['public', 'query', 'command']),
  auditor: new Set(['public', 'query', 'audit']),
};

/** Whether a role may use a route of this access level (API.md's role table). */
export const roleMayAccess = (role: Role, access: Access): boolean => permits[role].has(access);

const sameKey = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The key a request presents, matched in constant time per candidate; undefined when none matches. */
export const findApiKey = (
  keys: readonly ApiKey[],
  authorization: string | undefined,
): ApiKey | undefined => {
  const match = authorization === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const presented = match?.[1];
  if (presented === undefined) return undefined;
  return keys.find((k) => sameKey(k.key, presented));
};

const accessOf = (request: FastifyRequest): Access =>
  request.routeOptions.config.access ??
  (request.method === 'GET' || request.method === 'HEAD' ? 'query' : 'command');

const anonymous: Principal = { name: 'anonymous', role: 'admin' };

/** Sets `request.principal`, or answers the error to send (401/403). */
const authenticate = (keys: readonly ApiKey[], request: FastifyRequest): Error | undefined => {
  if (keys.length === 0) {
    request.principal = anonymous;
    return undefined;
  }
  const access = accessOf(request);
  // Unknown routes are public so they answer 404, not 401: nothing is revealed by that.
  if (access === 'public' || request.is404) {
    request.principal = { name: 'anonymous', role: 'auditor' };
    return undefined;
  }
  const key = findApiKey(keys, request.headers.authorization);
  if (key === undefined) return httpError('unauthorized', 'missing or unknown API key');
  if (!roleMayAccess(key.role, access))
    return httpError('forbidden', `role ${key.role} may not do this`);
  request.principal = { name: key.name, role: key.role };
  return undefined;
};

/** Bearer-key auth per API.md; with no keys configured (never in production) everyone is admin. */
export const authPlugin = fp(
  async (app, options: { readonly keys: readonly ApiKey[] }) => {
    app.decorateRequest('principal', null as unknown as Principal);
    // Callback style, not async: one promise less per request. `authenticate` throws nothing.
    app.addHook('onRequest', (request, _reply, done) => {
      done(authenticate(options.keys, request));
    });
  },
  { name: 'erpcore-auth' },
);
