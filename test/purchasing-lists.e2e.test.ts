import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '@erpcore/eventstore/testing';
import { salesClient } from './support/sales-client.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const up = await postgresAvailable();

interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}
interface SupplierItem {
  readonly id: string;
  readonly name: string;
  readonly balance: string;
}
interface OrderItem {
  readonly id: string;
  readonly status: string;
  readonly supplierId: string;
  readonly total: string;
  readonly receivedValue: string;
  readonly billedAmount: string;
  readonly lines: readonly { productId: string; quantity: string; unitCost: string }[];
}

/** `GET /v1/suppliers` and `GET /v1/purchase-orders`: read models, one indexed statement a page. */
describe.skipIf(!up)('supplier and purchase-order lists over HTTP', () => {
  let server: TestServer;
  let http: ReturnType<typeof salesClient>;
  const ok = async (path: string, body: unknown, status = 201) => {
    const answer = await http.post(path, body);
    expect([path, answer.status, answer.body]).toEqual([path, status, expect.anything()]);
  };
  const page = async <T>(path: string): Promise<Page<T>> => {
    const answer = await http.get(path);
    expect([path, answer.status, answer.statements]).toEqual([path, 200, 1]);
    return answer.body as Page<T>;
  };
  /** Every item of a list, page by page. */
  const all = async <T>(path: string, limit: number): Promise<T[]> => {
    const items: T[] = [];
    const sep = path.includes('?') ? '&' : '?';
    for (let cursor: string | null = null, n = 0; n === 0 || cursor !== null; n++) {
      const p: Page<T> = await page<T>(
        `${path}${sep}limit=${limit}${cursor === null ? '' : `&cursor=${cursor}`}`,
      );
      items.push(...p.items);
      cursor = p.nextCursor;
    }
    return items;
  };

  beforeAll(async () => {
    server = await startTestServer('postgres', 'purchasing_lists_e2e');
    http = salesClient(server);
    await ok('/v1/warehouses', { id: 'W1', name: 'Main' });
    await ok('/v1/products', { id: 'P1', name: 'Widget', unit: 'pcs' });
    for (const [id, name] of [
      ['S3', 'Initech'],
      ['S1', 'Acme'],
      ['S2', 'Globex'],
    ])
      await ok('/v1/suppliers', { id, name });
    const draft = (id: string, supplierId: string, quantity: string) =>
      ok('/v1/purchase-orders', {
        id,
        supplierId,
        warehouseId: 'W1',
        lines: [{ productId: 'P1', quantity, unitCost: '2.5' }],
      });
    await draft('PO-1', 'S1', '10');
    await draft('PO-2', 'S1', '4');
    await draft('PO-3', 'S2', '1');
    await draft('PO-4', 'S3', '2');
    for (const id of ['PO-1', 'PO-2', 'PO-3']) await ok(`/v1/purchase-orders/${id}/place`, {}, 200);
    const day = new Date().toISOString().slice(0, 10);
    await ok('/v1/purchase-orders/PO-1/receipts', {
      id: 'R1',
      date: day,
      lines: [{ productId: 'P1', quantity: '6' }],
    });
    await ok('/v1/purchase-orders/PO-2/receipts', {
      id: 'R1',
      date: day,
      lines: [{ productId: 'P1', quantity: '4' }],
    });
    await ok('/v1/purchase-orders/PO-1/bills', {
      id: 'B1',
      date: day,
      lines: [{ productId: 'P1', quantity: '6' }],
    });
    await ok('/v1/supplier-payments', { id: 'SP1', supplierId: 'S1', amount: '5', date: day });
    await ok('/v1/purchase-orders/PO-3/close', {}, 200);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lists suppliers by id with what we owe them, page by page', async () => {
    expect(await all<SupplierItem>('/v1/suppliers', 2)).toEqual([
      { id: 'S1', name: 'Acme', balance: '10' },
      { id: 'S2', name: 'Globex', balance: '0' },
      { id: 'S3', name: 'Initech', balance: '0' },
    ]);
  });

  it('lists purchase orders newest first, filtered by status', async () => {
    const orders = await all<OrderItem>('/v1/purchase-orders', 3);
    expect(orders.map((o) => [o.id, o.status, o.total, o.receivedValue, o.billedAmount])).toEqual([
      ['PO-4', 'draft', '5', '0', '0'],
      ['PO-3', 'closed', '2.5', '0', '0'],
      ['PO-2', 'received', '10', '10', '0'],
      ['PO-1', 'partially_received', '25', '15', '15'],
    ]);
    expect(orders[3]?.lines).toEqual([{ productId: 'P1', quantity: '10', unitCost: '2.5' }]);
    for (const [status, ids] of [
      ['draft', ['PO-4']],
      ['ordered', []],
      ['partially_received', ['PO-1']],
      ['received', ['PO-2']],
      ['closed', ['PO-3']],
    ] as const) {
      const listed = await all<OrderItem>(`/v1/purchase-orders?status=${status}`, 1);
      expect([status, listed.map((o) => o.id)]).toEqual([status, ids]);
    }
  });

  it('refuses a bad status, limit or cursor with 400', async () => {
    for (const path of [
      '/v1/purchase-orders?status=lost',
      '/v1/purchase-orders?limit=0',
      '/v1/purchase-orders?cursor=bm9wZQ',
      '/v1/suppliers?cursor=WyJ4IiwieSJd',
      '/v1/suppliers?nope=1',
    ]) {
      const answer = await http.get(path);
      expect([path, answer.status, http.code(answer)]).toEqual([path, 400, 'validation_failed']);
    }
  });
});
