import type { FastifyPluginAsync } from 'fastify';
import { doc } from '../http/route-doc.js';

/** Projection progress: position, lag and status of every read model (API.md, operations). */
export const projectionsRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/projections',
    { schema: doc('operations', 'Projection positions, lag and status') },
    async () => {
      const statuses = await app.erp.progress.statuses();
      return { items: statuses, nextCursor: null };
    },
  );
};
