import type { FastifyPluginAsync } from 'fastify';
import { readinessProblems } from '../health/readiness.js';
import { doc } from '../http/route-doc.js';
import { httpError } from '../http/http-error-codes.js';
import { healthSchema } from '../openapi/operations-schemas.js';

/**
 * Liveness (the process answers) and readiness: started, the database answers, no projection
 * has failed, and every other dependency (Redis when configured) answers. A 503 `not_ready`
 * lists each reason in `details` (`path` names the dependency).
 */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/health/live',
    {
      schema: doc('operations', 'Liveness', {
        operationId: 'getLiveness',
        role: 'public',
        responses: { 200: healthSchema('live') },
      }),
      config: { access: 'public' },
    },
    async () => ({ status: 'live' }),
  );

  app.get(
    '/health/ready',
    {
      schema: doc('operations', 'Readiness', {
        operationId: 'getReadiness',
        role: 'public',
        responses: { 200: healthSchema('ready') },
        errors: ['not_ready'],
      }),
      config: { access: 'public' },
    },
    async () => {
      if (!app.erp.isReady()) throw httpError('not_ready', 'start-up is not finished');
      const problems = await readinessProblems(app.erp.client, app.erp.readinessChecks);
      if (problems.length > 0)
        throw httpError(
          'not_ready',
          problems.map((p) => `${p.path}: ${p.message}`).join('; '),
          problems,
        );
      return { status: 'ready' };
    },
  );
};
