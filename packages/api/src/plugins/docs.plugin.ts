import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { openApiKey } from '../http/route-doc.js';
import { withErrorResponses } from '../openapi/error-responses.js';

/**
 * OpenAPI at /docs (UI) and /docs/json (document). Registered before the routes so every route
 * lands in the document. The docs are public: they describe the API, they do not expose data.
 */
export const docsPlugin = fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        info: {
          title: 'erpcore',
          version: '0.1.0',
          description: 'Event-sourced ERP core: inventory, accounting, sales.',
        },
        servers: [{ url: '/', description: 'this server' }],
        tags: [
          { name: 'catalog', description: 'Warehouses and products' },
          { name: 'inventory', description: 'Stock movements, levels and the ledger' },
          { name: 'accounting', description: 'Chart of accounts and journal entries' },
          { name: 'sales', description: 'Customers, orders and payments' },
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
      transformObject: (documentObject) =>
        withErrorResponses(
          ('openapiObject' in documentObject ? documentObject.openapiObject : {}) as Record<
            string,
            unknown
          >,
        ),
    });
    app.addHook('onRoute', (route) => {
      if (route.url.startsWith('/docs')) route.config = { ...route.config, access: 'public' };
    });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      // The UI's own routes are hidden from the document; API.md lists `GET /docs`, so name it.
      transformSpecification: (spec) => ({
        ...spec,
        paths: {
          ...(spec['paths'] as Record<string, unknown>),
          '/docs': {
            get: {
              tags: ['operations'],
              operationId: 'docsUi',
              summary: 'OpenAPI UI (this document: /docs/json)',
              security: [],
              responses: {
                200: {
                  description: 'HTML',
                  content: { 'text/html': { schema: { type: 'string' } } },
                },
              },
            },
          },
          '/docs/json': {
            get: {
              tags: ['operations'],
              operationId: 'openApiDocument',
              summary: 'This OpenAPI document',
              security: [],
              responses: {
                200: {
                  description: 'OpenAPI 3 document',
                  content: { 'application/json': { schema: { type: 'object' } } },
                },
              },
            },
          },
        },
      }),
    });
  },
  { name: 'erpcore-docs' },
);
