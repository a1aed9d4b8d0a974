import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

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
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: [{ bearer: [] }],
      },
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
              summary: 'OpenAPI UI (this document: /docs/json)',
              responses: { 200: { description: 'HTML' } },
            },
          },
        },
      }),
    });
  },
  { name: 'erpcore-docs' },
);
