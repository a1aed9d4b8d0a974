import createClient from 'openapi-fetch';
import type { paths } from './erpcore-api.js';

/** What a call through the generated client answered: its data, or a thrown error naming why. */
const ok = <T>(result: { data?: T; error?: unknown; response: Response }): T => {
  if (result.data === undefined)
    throw new Error(`${result.response.status}: ${JSON.stringify(result.error)}`);
  return result.data;
};

/**
 * A whole business day through a client generated from the live OpenAPI document: catalogue and
 * stock, the books, and a sale from order to payment. Every request and answer is typed by the
 * document; nothing is cast. Each read waits for the position the last command answered.
 */
export const runBusinessFlow = async (
  baseUrl: string,
  options: {
    readonly apiKey?: string;
    /** What sends each request (the test checks every answer against the document with it). */
    readonly fetch?: (request: Request) => Promise<Response>;
  } = {},
) => {
  const client = createClient<paths>({
    baseUrl,
    headers: options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` },
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  let last = '0';
  const seen = <A extends { readonly position: string }>(answer: A): A => {
    if (BigInt(answer.position) > BigInt(last)) last = answer.position;
    return answer;
  };
  const after = () => ({ 'X-Min-Position': last });

  // Catalogue: two warehouses and a product.
  seen(ok(await client.POST('/v1/warehouses', { body: { id: 'W-MAIN', name: 'Main' } })));
  seen(
    ok(
      await client.POST('/v1/warehouses', { body: { id: 'W-SHOP', name: 'Shop', branchId: 'B1' } }),
    ),
  );
  seen(ok(await client.POST('/v1/products', { body: { id: 'FAB-1', name: 'Linen', unit: 'm' } })));

  // Stock: receive 100 into the main warehouse (retried with the same key: one receipt), move 30.
  const receipt = { productId: 'FAB-1', warehouseId: 'W-MAIN', quantity: '100', reference: 'PO-1' };
  const received = seen(
    ok(
      await client.POST('/v1/stock/receipts', {
        body: receipt,
        params: { header: { 'Idempotency-Key': 'receipt-1' } },
      }),
    ),
  );
  const retried = ok(
    await client.POST('/v1/stock/receipts', {
      body: receipt,
      params: { header: { 'Idempotency-Key': 'receipt-1' } },
    }),
  );
  const transfer = seen(
    ok(
      await client.POST('/v1/stock/transfers', {
        body: {
          id: 'T-1',
          productId: 'FAB-1',
          fromWarehouseId: 'W-MAIN',
          toWarehouseId: 'W-SHOP',
          quantity: '30',
        },
      }),
    ),
  );
  const stock = ok(
    await client.GET('/v1/products/{id}/stock', {
      params: { path: { id: 'FAB-1' }, header: after() },
    }),
  );
  const warehouses = ok(
    await client.GET('/v1/warehouses', { params: { query: { limit: 10 }, header: after() } }),
  );

  // The books: cash and capital, and the owner's investment.
  seen(
    ok(await client.POST('/v1/accounts', { body: { id: 'CASH', name: 'Till', type: 'asset' } })),
  );
  seen(
    ok(
      await client.POST('/v1/accounts', {
        body: { id: 'CAPITAL', name: 'Owner capital', type: 'equity' },
      }),
    ),
  );
  seen(
    ok(
      await client.POST('/v1/journal-entries', {
        body: {
          id: 'JE-1',
          date: '2024-05-01',
          description: 'Owner investment',
          lines: [
            { accountId: 'CASH', debit: '1000.00' },
            { accountId: 'CAPITAL', credit: '1000.00' },
          ],
        },
      }),
    ),
  );
  const cash = ok(
    await client.GET('/v1/accounts/{id}', { params: { path: { id: 'CASH' }, header: after() } }),
  );

  // A sale: customer, order for 4 m at 12.50, confirm, deliver, and the customer pays 20.
  seen(ok(await client.POST('/v1/customers', { body: { id: 'C-1', name: 'Acme', phone: null } })));
  const placed = seen(
    ok(
      await client.POST('/v1/orders', {
        body: {
          id: 'SO-1',
          customerId: 'C-1',
          branchId: 'B1',
          salespersonId: 'S1',
          warehouseId: 'W-SHOP',
          items: [{ productId: 'FAB-1', quantity: '4', unitPrice: '12.50' }],
        },
      }),
    ),
  );
  const confirmed = seen(
    ok(
      await client.POST('/v1/orders/{id}/confirm', { params: { path: { id: 'SO-1' } }, body: {} }),
    ),
  );
  const delivered = seen(
    ok(
      await client.POST('/v1/orders/{id}/deliver', { params: { path: { id: 'SO-1' } }, body: {} }),
    ),
  );
  const payment = seen(
    ok(
      await client.POST('/v1/customers/{id}/payments', {
        params: { path: { id: 'C-1' } },
        body: { id: 'PAY-1', amount: '20.00' },
      }),
    ),
  );
  const customer = ok(
    await client.GET('/v1/customers/{id}', { params: { path: { id: 'C-1' }, header: after() } }),
  );
  const orders = ok(
    await client.GET('/v1/orders', {
      params: { query: { status: 'delivered', customerId: 'C-1' }, header: after() },
    }),
  );

  // A refusal is typed too: the error envelope with its code.
  const refused = await client.POST('/v1/orders/{id}/confirm', {
    params: { path: { id: 'SO-1' } },
    body: {},
  });

  return {
    received,
    retried,
    transfer,
    stock,
    warehouses: warehouses.items.map((w) => w.id),
    cash: { balance: cash.balance, type: cash.type },
    placed,
    confirmed,
    delivered,
    payment,
    customer,
    orders: orders.items.map((o) => ({
      id: o.id,
      status: o.status,
      total: o.total,
      lines: o.items.length,
    })),
    refusal: { status: refused.response.status, code: refused.error?.error.code },
  };
};
