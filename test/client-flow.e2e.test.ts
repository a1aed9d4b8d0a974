import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBusinessFlow } from './client/business-flow.js';
import { clientTypesFile, clientTypesOf } from './client/client-types.js';
import { assertDocumented, startTestServer, type TestServer } from './support/test-server.js';

const flowFile = fileURLToPath(new URL('./client/business-flow.ts', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const operatorKey = 'client-flow-operator-key-0001';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(
    'postgres',
    'client_flow',
    {},
    {
      apiKeys: [{ name: 'flow', role: 'operator', key: operatorKey }],
    },
  );
});
afterAll(async () => {
  await server?.close();
});

/** The flow file and the generated types under the repository's strict compiler options. */
const strictDiagnostics = (): string[] => {
  const config = ts.readConfigFile(`${root}/tsconfig.json`, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram([flowFile], { ...parsed.options, noEmit: true });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
};

describe('a client generated from the live OpenAPI document', () => {
  it('is generated from the document this app serves (test/client/erpcore-api.d.ts is fresh)', async () => {
    const committed = await readFile(clientTypesFile, 'utf8');
    // On failure: `npm run openapi:types`, then commit test/client/erpcore-api.d.ts.
    expect(await clientTypesOf(server.app.swagger())).toBe(committed);
  });

  it('typechecks the business flow strictly, without a single cast', async () => {
    expect(strictDiagnostics()).toEqual([]);
    const code = (await readFile(flowFile, 'utf8')).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code.match(/\bas\s+(const\b|[A-Za-z_{[(])|@ts-|\bany\b/g)).toBeNull();
  }, 60_000);

  it('runs a whole business flow over HTTP, every answer as the document says', async () => {
    let checked = 0;
    // Every answer the generated client receives, checked against the document before it sees it.
    const checkedFetch = async (request: Request): Promise<Response> => {
      const response = await fetch(request);
      const text = await response.clone().text();
      const url = new URL(request.url);
      await assertDocumented(server, request.method, url.pathname + url.search, {
        status: response.status,
        headers: response.headers,
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
      });
      checked += 1;
      return response;
    };
    const flow = await runBusinessFlow(server.url, { apiKey: operatorKey, fetch: checkedFetch });
    expect(checked).toBe(20);
    expect(flow.received).toMatchObject({ id: 'stock-FAB-1@W-MAIN', balance: '100' });
    expect(flow.retried).toEqual(flow.received);
    expect(flow.transfer.id).toBe('T-1');
    expect(flow.stock).toMatchObject({ productId: 'FAB-1', onHand: '100' });
    expect(flow.stock.warehouses).toEqual([
      { warehouseId: 'W-MAIN', onHand: '70', reserved: '0', available: '70' },
      { warehouseId: 'W-SHOP', onHand: '30', reserved: '0', available: '30' },
    ]);
    expect(flow.warehouses).toEqual(['W-MAIN', 'W-SHOP']);
    expect(flow.cash).toEqual({ balance: '1000', type: 'asset' });
    expect(flow.placed).toMatchObject({ id: 'SO-1', status: 'pending', total: '50' });
    expect(flow.confirmed.status).toBe('confirmed');
    expect(flow.delivered.status).toBe('delivered');
    expect(flow.payment).toMatchObject({ id: 'PAY-1', customerId: 'C-1', balance: '30' });
    expect(flow.customer).toEqual({ id: 'C-1', name: 'Acme', phone: null, balance: '30' });
    expect(flow.orders).toEqual([{ id: 'SO-1', status: 'delivered', total: '50', lines: 1 }]);
    expect(flow.refusal).toEqual({ status: 422, code: 'invalid_transition' });
  });
});
