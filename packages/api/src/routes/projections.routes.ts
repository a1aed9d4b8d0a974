import type { FastifyPluginAsync } from 'fastify';
import { doc } from '../http/route-doc.js';
import { projectionPageSchema } from '../openapi/operations-schemas.js';

/** Projection progress: position, lag and status of every read model (API.md, operations). */
export const projectionsRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/projections',
    {
      schema: doc('operations', 'Projection positions, lag and status', {
        operationId: 'listProjections',
        role: 'auditor',
        description: 'Every projection on one page (`nextCursor` is always null).',
        responses: { 200: projectionPageSchema },
      }),
    },
    async () => {
      const statuses = await app.erp.progress.statuses();
      return { items: statuses, nextCursor: null };
    },
  );
};
