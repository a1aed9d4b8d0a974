import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { openApiKey } from '../http/route-doc.js';
import { withErrorResponses } from '../openapi/error-responses.js';
import { documentationProblem } from '../openapi/route-coverage.js';

const docsOperation = (
  operationId: string,
  summary: string,
  description: string,
  mediaType: string,
) => ({
  get: {
    tags: ['operations'],
    operationId,
    summary,
    description: 'Public: no key needed.',
    security: [],
    responses: {
      200: {
        description,
        content: {
          [mediaType]: { schema: { type: mediaType === 'text/html' ? 'string' : 'object' } },
        },
      },
    },
  },
});

/** The docs' own two routes, as the document shows them. */
const docsPaths = {
  '/docs': docsOperation('getDocsUi', 'This document, browsable (Swagger UI)', 'HTML', 'text/html'),
  '/docs/json': docsOperation(
    'getOpenApiDocument',
    'This OpenAPI document',
    'OpenAPI 3.1 document',
    'application/json',
  ),
};

/**
 * OpenAPI at /docs (UI) and /docs/json (document). Registered before the routes so every route
 * lands in the document. The docs are public: they describe the API, they do not expose data.
 */
export const docsPlugin = fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'erpcore',
          version: '0.1.0',
          description: 'Event-sourced ERP core: inventory, accounting, sales.',
          license: { name: 'MIT', identifier: 'MIT' },
        },
        servers: [{ url: '/', description: 'this server' }],
        tags: [
          { name: 'catalog', description: 'Warehouses and products' },
          { name: 'inventory', description: 'Stock movements, levels and the ledger' },
          { name: 'accounting', description: 'Chart of accounts and journal entries' },
          {
            name: 'sales',
            description: 'Customers, orders, deliveries, returns, payments and credit limits',
          },
          {
            name: 'purchasing',
            description: 'Suppliers, purchase orders, goods receipts, bills and supplier payments',
          },
          {
            name: 'reports',
            description: 'Trial balance, profit and loss, balance sheet, aging, stock valuation',
          },
          { name: 'settings', description: 'Posting accounts and the lock date' },
          {
            name: 'audit',
            description: 'The event log, state at a point in time, tamper evidence',
          },
          { name: 'operations', description: 'Health, metrics, projections, jobs and these docs' },
        ],
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: [{ bearer: [] }],
      },
      // What `doc()` derived from a route's codecs rides beside the schema Fastify validates
      // with (it validates nothing: io-ts does, in the handler); here it joins the document.
      transform: ({ schema, url }) => {
        const { [openApiKey]: forDocument, ...rest } = (schema ?? {}) as Record<string, unknown>;
        return {
          schema: { ...rest, ...((forDocument ?? {}) as Record<string, unknown>) },
          url,
        };
      },
      // The UI's own routes are hidden from the document; API.md lists `GET /docs` and
      // `GET /docs/json`, so they are named here (before the error responses, which they share).
      transformObject: (documentObject) => {
        const document = (
          'openapiObject' in documentObject ? documentObject.openapiObject : {}
        ) as Record<string, unknown>;
        return withErrorResponses({
          ...document,
          paths: { ...(document['paths'] as Record<string, unknown>), ...docsPaths },
        });
      },
    });
    app.addHook('onRoute', (route) => {
      if (route.url.startsWith('/docs')) route.config = { ...route.config, access: 'public' };
      // A route the document does not describe, or describes with the wrong role, fails the build.
      const problem = documentationProblem(route);
      if (problem !== undefined) throw new Error(`OpenAPI: ${problem}`);
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
  },
  { name: 'erpcore-docs' },
);
