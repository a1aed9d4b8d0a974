import type { Access } from '../plugins/fastify-types.js';

/** The least role of each access level (auth.plugin.ts's table): what the document must say. */
const leastRole: Readonly<Record<Access, string>> = {
  public: 'public',
  query: 'auditor',
  command: 'operator',
  audit: 'auditor',
  admin: 'admin',
};

/** What a route is, as an `onRoute` hook sees it. */
export interface RouteShape {
  readonly method: string | readonly string[];
  readonly url: string;
  readonly schema?: unknown;
  readonly config?: { readonly access?: Access } | undefined;
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null;

/**
 * Why a route's documentation falls short, or undefined: every route (but the docs UI's own and
 * Fastify's automatic HEAD) has an operationId and declares the least role its access level
 * needs, so the document cannot say `auditor` where the auth plugin wants `admin`.
 */
export const documentationProblem = (route: RouteShape): string | undefined => {
  const methods = typeof route.method === 'string' ? [route.method] : route.method;
  if (route.url.startsWith('/docs') || methods.every((m) => m === 'HEAD')) return undefined;
  const where = `${methods.join(',')} ${route.url}`;
  const schema = isRecord(route.schema) ? route.schema : {};
  if (typeof schema['operationId'] !== 'string') return `${where}: no operationId (use doc())`;
  const access =
    route.config?.access ??
    (methods.every((m) => m === 'GET' || m === 'HEAD') ? 'query' : 'command');
  const declared =
    Array.isArray(schema['security']) && schema['security'].length === 0
      ? 'public'
      : schema['x-erpcore-role'];
  return declared === leastRole[access]
    ? undefined
    : `${where}: documented role ${String(declared)}, its access ${access} needs ${leastRole[access]}`;
};
