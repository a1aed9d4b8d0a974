import type { FastifyPluginAsync } from 'fastify';
import { seedSalesChart } from '../sales/seed-sales-chart.js';
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
    await seedSalesChart(app.erp.store, app.erp.client, app.erp.now()).catch((error: unknown) =>
      app.log.warn({ err: error }, 'system accounts not seeded at start-up'),
    );
  });
  await app.register(customersRoutes);
  await app.register(ordersRoutes);
};
