import type { FastifyPluginAsync } from 'fastify';
import { doc } from '../http/route-doc.js';
import { httpError } from '../http/http-error-codes.js';

/** Liveness (the process answers) and readiness (migrated and the database answers). */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/health/live',
    { schema: doc('operations', 'Liveness'), config: { access: 'public' } },
    async () => ({ status: 'live' }),
  );

  app.get(
    '/health/ready',
    { schema: doc('operations', 'Readiness'), config: { access: 'public' } },
    async () => {
      if (!app.erp.isReady()) throw httpError('not_ready', 'start-up is not finished');
      try {
        await app.erp.client.query('select 1');
      } catch {
        throw httpError('not_ready', 'the database does not answer');
      }
      return { status: 'ready' };
    },
  );
};
