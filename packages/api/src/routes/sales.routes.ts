import type { FastifyPluginAsync } from 'fastify';
import { randomUUID } from 'node:crypto';
import { isLeft } from 'fp-ts/lib/Either.js';
import { execute, salesModule } from '@erpcore/application';
import { customersRoutes } from './customers.routes.js';
import { ordersRoutes } from './orders.routes.js';

/**
 * The sales context: customers (with payments) and orders. On start-up it opens the system
 * accounts sales posts to; a failure there is logged, not fatal, because every delivery and
 * payment also opens them in its own append when they are missing.
 */
export const salesRoutes: FastifyPluginAsync = async (app) => {
  app.addHook('onReady', async () => {
    if (!app.erp.isReady()) return;
    try {
      const seeded = await execute(
        app.erp.store,
        salesModule.useCases(app.erp.client).seedSystemAccounts,
        undefined,
        {
          context: {
            actor: 'system',
            correlationId: 'seed-sales-chart',
            causationId: null,
            now: app.erp.now(),
            newEventId: randomUUID,
          },
        },
      );
      if (isLeft(seeded))
        app.log.warn({ err: seeded.left }, 'system accounts not seeded at start-up');
    } catch (error) {
      app.log.warn({ err: error }, 'system accounts not seeded at start-up');
    }
  });
  await app.register(customersRoutes);
  await app.register(ordersRoutes);
};
