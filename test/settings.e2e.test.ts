import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestServer, type TestServer } from './support/test-server.js';
import { salesClient } from './support/sales-client.js';

interface Account {
  readonly balance: string;
  readonly closed: boolean;
}

// PostgreSQL only: the routes are backend-agnostic and PGlite start-up is slow on a loaded machine.
describe('system accounts and posting-account settings over HTTP', () => {
  let server: TestServer;
  let client: ReturnType<typeof salesClient>;

  beforeAll(async () => {
    server = await startTestServer('postgres', 'settings_e2e');
    client = salesClient(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('maps every posting role to its sys.* account until a company remaps it', async () => {
    const read = await call(server, 'GET', '/v1/settings/posting-accounts');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      revision: '-1',
      postingAccounts: { cash: 'sys.cash', receivable: 'sys.receivable', revenue: 'sys.revenue' },
    });
  });

  it('refuses to close sys.cash while it is the cash account, saying how to remap', async () => {
    const answer = await client.post('/v1/accounts/sys.cash/close', {});
    expect(answer.status).toBe(422);
    expect(client.code(answer)).toBe('invalid_transition');
    const { message } = (answer.body as { error: { message: string } }).error;
    expect(message).toContain('cash posting account');
    expect(message).toContain('/v1/settings/posting-accounts');
  });

  it('refuses a mapping to an unknown account (422) or an unknown role (400)', async () => {
    const unknown = await call(server, 'PUT', '/v1/settings/posting-accounts', { cash: 'nope' });
    expect(unknown.status).toBe(422);
    expect(client.code(unknown)).toBe('unknown_account');
    const typo = await call(server, 'PUT', '/v1/settings/posting-accounts', { kash: 'BANK' });
    expect(typo.status).toBe(400);
  });

  it('remaps cash to a company account: a payment then posts there, and sys.cash may close', async () => {
    expect(
      (await client.post('/v1/accounts', { id: 'BANK', name: 'Bank', type: 'asset' })).status,
    ).toBe(201);
    const remap = await call(server, 'PUT', '/v1/settings/posting-accounts', { cash: 'BANK' });
    expect(remap.status).toBe(200);
    expect(remap.body).toMatchObject({ id: 'settings-main', postingAccounts: { cash: 'BANK' } });
    const again = await call(server, 'PUT', '/v1/settings/posting-accounts', { cash: 'BANK' });
    expect((again.body as { revision: string }).revision).toBe(
      (remap.body as { revision: string }).revision,
    );

    expect((await client.post('/v1/customers', { id: 'c1', name: 'Ada' })).status).toBe(201);
    const paid = await client.post('/v1/customers/c1/payments', { id: 'p1', amount: '12.50' });
    expect(paid.status).toBe(200);
    const bank = (await client.get('/v1/accounts/BANK')).body as Account;
    const cash = (await client.get('/v1/accounts/sys.cash')).body as Account;
    expect([bank.balance, cash.balance]).toEqual(['12.5', '0']);

    expect((await client.post('/v1/accounts/sys.cash/close', {})).status).toBe(200);
    expect(client.code(await client.post('/v1/accounts/BANK/close', {}))).toBe(
      'invalid_transition',
    );
  });

  it('sets and reads the lock date', async () => {
    const set = await call(server, 'POST', '/v1/settings/lock-date', { lockDate: '2020-12-31' });
    expect(set.status).toBe(200);
    const read = await call(server, 'GET', '/v1/settings/lock-date');
    expect(read.body).toMatchObject({ lockDate: '2020-12-31' });
    const bad = await call(server, 'POST', '/v1/settings/lock-date', { lockDate: '31/12/2020' });
    expect(bad.status).toBe(400);
  });
});
