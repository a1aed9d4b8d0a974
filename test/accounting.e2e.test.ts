import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money } from '@erpcore/domain';
import { postgresAvailable } from '@erpcore/eventstore/testing';
import { call, startTestServer, type Backend, type TestServer } from './support/test-server.js';

const postgresUp = await postgresAvailable();
const backends: readonly Backend[] = postgresUp ? ['pglite', 'postgres'] : ['pglite'];

interface Outcome {
  readonly id: string;
  readonly revision: string;
  readonly position: string;
}
interface Account {
  readonly id: string;
  readonly path: string;
  readonly depth: number;
  readonly balance: string;
  readonly rolledUpBalance: string;
  readonly closed: boolean;
}
interface AccountPage {
  readonly items: Account[];
  readonly nextCursor: string | null;
}

describe.each(backends)('accounting over HTTP on %s', (backend) => {
  let server: TestServer;
  let last = '0';
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const answer = await call(server, 'POST', path, body, headers);
    if (answer.status < 300) last = (answer.body as Outcome).position;
    return answer;
  };
  const get = (path: string) => call(server, 'GET', path, undefined, { 'x-min-position': last });
  const code = (answer: { body: unknown }) =>
    (answer.body as { error: { code: string } }).error.code;

  beforeAll(async () => {
    server = await startTestServer(backend, 'accounting_e2e');
    for (const [id, name, type, parentId] of [
      ['A', 'Assets', 'asset', undefined],
      ['CA', 'Current Assets', 'asset', 'A'],
      ['CASH', 'Cash', 'asset', 'CA'],
      ['BANK', 'Bank', 'asset', 'CA'],
      ['INC', 'Income', 'income', null],
      ['SALES', 'Sales', 'income', 'INC'],
    ] as const) {
      const answer = await post('/v1/accounts', {
        id,
        name,
        type,
        ...(parentId === undefined ? {} : { parentId }),
      });
      expect(answer.status).toBe(201);
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  it('opens accounts and reads full paths in one statement', async () => {
    const read = await get('/v1/accounts/CASH');
    expect(read.status).toBe(200);
    expect(read.statements).toBe(1);
    expect(read.body).toEqual({
      id: 'CASH',
      name: 'Cash',
      type: 'asset',
      parentId: 'CA',
      path: 'Assets > Current Assets > Cash',
      depth: 2,
      balance: '0',
      rolledUpBalance: '0',
      closed: false,
    });
    expect((await get('/v1/accounts/nope')).status).toBe(404);
  });

  it('refuses a duplicate sibling name, an unknown parent, a taken id and bad bodies', async () => {
    const duplicate = await post('/v1/accounts', {
      id: 'X1',
      name: 'Cash',
      type: 'asset',
      parentId: 'CA',
    });
    expect([duplicate.status, code(duplicate)]).toEqual([422, 'duplicate_account_name']);
    const rootDuplicate = await post('/v1/accounts', { id: 'X2', name: 'Assets', type: 'asset' });
    expect([rootDuplicate.status, code(rootDuplicate)]).toEqual([422, 'duplicate_account_name']);
    const orphan = await post('/v1/accounts', {
      id: 'X3',
      name: 'Orphan',
      type: 'asset',
      parentId: 'nope',
    });
    expect([orphan.status, code(orphan)]).toEqual([422, 'unknown_account']);
    const taken = await post('/v1/accounts', { id: 'CASH', name: 'Other', type: 'asset' });
    expect([taken.status, code(taken)]).toEqual([409, 'conflict']);
    const badType = await post('/v1/accounts', { id: 'X4', name: 'Other', type: 'cash' });
    expect([badType.status, code(badType)]).toEqual([400, 'validation_failed']);
  });

  it('posts balanced entries, rolls balances up, and refuses unbalanced, unknown and malformed ones', async () => {
    const entry = {
      id: 'JE-1',
      date: '2024-03-01',
      description: 'cash sale',
      lines: [
        { accountId: 'CASH', debit: '100.50' },
        { accountId: 'SALES', credit: '100.5' },
      ],
    };
    const posted = await post('/v1/journal-entries', entry);
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ id: 'JE-1', revision: '0' });
    const assets = await get('/v1/accounts/A');
    expect(assets.body).toMatchObject({ balance: '0', rolledUpBalance: '100.5' });
    expect((await get('/v1/accounts/SALES')).body).toMatchObject({
      balance: '-100.5',
      rolledUpBalance: '-100.5',
    });

    const again = await post('/v1/journal-entries', entry);
    expect([again.status, code(again)]).toEqual([409, 'conflict']);
    const unbalanced = await post('/v1/journal-entries', {
      ...entry,
      id: 'JE-2',
      lines: [
        { accountId: 'CASH', debit: '10' },
        { accountId: 'SALES', credit: '9.99' },
      ],
    });
    expect([unbalanced.status, code(unbalanced)]).toEqual([422, 'unbalanced_entry']);
    const single = await post('/v1/journal-entries', {
      ...entry,
      id: 'JE-2',
      lines: [{ accountId: 'CASH', debit: '10' }],
    });
    expect([single.status, code(single)]).toEqual([422, 'unbalanced_entry']);
    const unknown = await post('/v1/journal-entries', {
      ...entry,
      id: 'JE-2',
      lines: [
        { accountId: 'CASH', debit: '10' },
        { accountId: 'nope', credit: '10' },
      ],
    });
    expect([unknown.status, code(unknown)]).toEqual([422, 'unknown_account']);
    const number = await post('/v1/journal-entries', {
      ...entry,
      id: 'JE-2',
      lines: [
        { accountId: 'CASH', debit: 10 },
        { accountId: 'SALES', credit: '10' },
      ],
    });
    expect([number.status, code(number)]).toEqual([400, 'validation_failed']);
    const both = await post('/v1/journal-entries', {
      ...entry,
      id: 'JE-2',
      lines: [
        { accountId: 'CASH', debit: '10', credit: '10' },
        { accountId: 'SALES', credit: '10' },
      ],
    });
    expect([both.status, code(both)]).toEqual([400, 'validation_failed']);
    expect((both.body as { error: { details: unknown[] } }).error.details).toEqual([
      { path: 'body.lines.0', message: 'exactly one of debit or credit is required' },
    ]);
    // Ids the system posts under (deliveries, payments) are not for clients to take.
    for (const reserved of ['payment-P1', 'order-O1-delivery', 'order.x']) {
      const taken = await post('/v1/journal-entries', { ...entry, id: reserved });
      expect([taken.status, code(taken)]).toEqual([400, 'validation_failed']);
      expect(
        (taken.body as { error: { details: Array<{ path: string }> } }).error.details[0]?.path,
      ).toBe('body.id');
    }
    // A look-alike id passes the reservation and meets the domain rules (here: unbalanced).
    const ordinary = await post('/v1/journal-entries', {
      ...entry,
      id: 'orders-2024',
      lines: [
        { accountId: 'CASH', debit: '10' },
        { accountId: 'SALES', credit: '9' },
      ],
    });
    expect([ordinary.status, code(ordinary)]).toEqual([422, 'unbalanced_entry']);
  });

  it('answers an identical retry with the same Idempotency-Key like the first time', async () => {
    const entry = {
      id: 'JE-IDEM',
      date: '2024-03-02',
      description: '',
      lines: [
        { accountId: 'BANK', debit: '1' },
        { accountId: 'SALES', credit: '1' },
      ],
    };
    const first = await post('/v1/journal-entries', entry, { 'idempotency-key': 'k-1' });
    const retry = await post('/v1/journal-entries', entry, { 'idempotency-key': 'k-1' });
    expect(first.status).toBe(201);
    expect([retry.status, retry.body]).toEqual([201, first.body]);
  });

  it('renames and moves whole subtrees, and refuses cycles', async () => {
    expect((await post('/v1/accounts/CA/rename', { name: 'Liquid' })).status).toBe(200);
    expect((await get('/v1/accounts/CASH')).body).toMatchObject({
      path: 'Assets > Liquid > Cash',
      depth: 2,
    });
    const clash = await post('/v1/accounts/BANK/rename', { name: 'Cash' });
    expect([clash.status, code(clash)]).toEqual([422, 'duplicate_account_name']);

    const cycle = await post('/v1/accounts/A/move', { parentId: 'CASH' });
    expect([cycle.status, code(cycle)]).toEqual([422, 'account_cycle']);
    const self = await post('/v1/accounts/A/move', { parentId: 'A' });
    expect([self.status, code(self)]).toEqual([422, 'account_cycle']);
    expect((await post('/v1/accounts/nope/move', { parentId: null })).status).toBe(404);
    expect((await post('/v1/accounts/CA/move', {})).status).toBe(400);

    expect((await post('/v1/accounts/CA/move', { parentId: 'INC' })).status).toBe(200);
    expect((await get('/v1/accounts/CASH')).body).toMatchObject({
      path: 'Income > Liquid > Cash',
      depth: 2,
    });
    expect((await get('/v1/accounts/A')).body).toMatchObject({ rolledUpBalance: '0' });
    expect((await get('/v1/accounts/INC')).body).toMatchObject({ rolledUpBalance: '0' });
    expect((await post('/v1/accounts/CA/move', { parentId: null })).status).toBe(200);
    expect((await get('/v1/accounts/BANK')).body).toMatchObject({
      path: 'Liquid > Bank',
      depth: 1,
      rolledUpBalance: '1',
    });
  });

  it('lists in path order, a subtree with ?under=, by keyset pages of one statement each', async () => {
    const all = await get('/v1/accounts');
    expect(all.statements).toBe(1);
    const everything = (all.body as AccountPage).items;
    // The sales context seeds its system accounts (`sys.*`) at start-up; they sort among the rest.
    expect(everything.filter((a) => !a.id.startsWith('sys.')).map((a) => a.path)).toEqual([
      'Assets',
      'Income',
      'Income > Sales',
      'Liquid',
      'Liquid > Bank',
      'Liquid > Cash',
    ]);
    const under = await get('/v1/accounts?under=CA');
    expect(under.statements).toBe(1);
    expect((under.body as AccountPage).items.map((a) => a.id)).toEqual(['CA', 'BANK', 'CASH']);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { statements: number | undefined; body: unknown } = await get(
        `/v1/accounts?limit=4${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
      );
      expect(page.statements).toBe(1);
      const body = page.body as AccountPage;
      expect(body.items.length).toBeLessThanOrEqual(4);
      paged.push(...body.items.map((a) => a.id));
      cursor = body.nextCursor;
    } while (cursor !== null);
    expect(paged).toEqual(everything.map((a) => a.id));
    const subtreePage = (await get('/v1/accounts?under=CA&limit=2')).body as AccountPage;
    const rest = (
      await get(
        `/v1/accounts?under=CA&limit=2&cursor=${encodeURIComponent(subtreePage.nextCursor ?? '')}`,
      )
    ).body as AccountPage;
    expect([...subtreePage.items, ...rest.items].map((a) => a.id)).toEqual(['CA', 'BANK', 'CASH']);
    expect(rest.nextCursor).toBeNull();
    expect((await get('/v1/accounts?under=nope')).status).toBe(404);
    expect((await get('/v1/accounts?cursor=garbage')).status).toBe(400);
  });

  it('closes only at a zero rolled-up balance without open children; reverses an entry once', async () => {
    const busy = await post('/v1/accounts/CASH/close', {});
    expect([busy.status, code(busy)]).toEqual([422, 'invalid_transition']);
    const parent = await post('/v1/accounts/INC/close', {});
    expect([parent.status, code(parent)]).toEqual([422, 'invalid_transition']);

    const reversed = await post('/v1/journal-entries/JE-1/reverse', { date: '2024-03-31' });
    expect(reversed.status).toBe(200);
    expect(reversed.body).toMatchObject({ id: 'JE-1', revision: '1' });
    expect((await get('/v1/accounts/CASH')).body).toMatchObject({
      balance: '0',
      rolledUpBalance: '0',
    });
    const twice = await post('/v1/journal-entries/JE-1/reverse', { date: '2024-03-31' });
    expect([twice.status, code(twice)]).toEqual([422, 'invalid_transition']);
    expect((await post('/v1/journal-entries/JE-404/reverse', { date: '2024-03-31' })).status).toBe(
      404,
    );

    expect((await post('/v1/accounts/CASH/close', {})).status).toBe(200);
    expect((await get('/v1/accounts/CASH')).body).toMatchObject({ closed: true });
    const toClosed = await post('/v1/journal-entries', {
      id: 'JE-3',
      date: '2024-04-01',
      description: '',
      lines: [
        { accountId: 'CASH', debit: '5' },
        { accountId: 'SALES', credit: '5' },
      ],
    });
    expect([toClosed.status, code(toClosed)]).toEqual([422, 'account_closed']);
  });

  it('never lets a posting and a concurrent close of its account both succeed', async () => {
    for (let round = 0; round < 15; round++) {
      const id = `RACE-${round}`;
      expect(
        (await post('/v1/accounts', { id, name: `Race ${round}`, type: 'asset' })).status,
      ).toBe(201);
      const [closed, posted] = await Promise.all([
        post(`/v1/accounts/${id}/close`, {}),
        post('/v1/journal-entries', {
          id: `JE-RACE-${round}`,
          date: '2024-05-01',
          description: 'race',
          lines: [
            { accountId: id, debit: '1' },
            { accountId: 'SALES', credit: '1' },
          ],
        }),
      ]);
      // Exactly one wins: the chart stream's expected revision serialises them.
      expect([closed.status, posted.status].sort()).toSatisfy(
        (s: number[]) => (s[0] === 200 && s[1] === 422) || (s[0] === 201 && s[1] === 422),
      );
      const account = (await get(`/v1/accounts/${id}`)).body as Account;
      expect(account.closed ? account.balance : '1').toBe(closed.status === 200 ? '0' : '1');
    }
  });

  it('trial balance over every account is zero', async () => {
    const { items } = (await get('/v1/accounts?limit=500')).body as AccountPage;
    expect(Money.sum(items.map((a) => Money.parse(a.balance) ?? Money.ofCents(1n)))).toBe(0n);
  });
});
