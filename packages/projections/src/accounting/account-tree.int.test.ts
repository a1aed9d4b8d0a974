import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import {
  asId,
  chartDecider,
  chartEventC,
  fold,
  Money,
  streamIds,
  type AccountId,
  type AccountName,
  type ChartCommand,
  type JournalEntryId,
} from '@erpcore/domain';
import {
  createPgliteClient,
  createPostgresEventStore,
  decodeEvents,
  migrateEventStore,
  type EventStore,
  type SqlClient,
} from '@erpcore/eventstore';
import {
  catchUpProjection,
  createReadDb,
  InvalidCursorError,
  migrateReadModels,
  type ReadDb,
} from '../index.js';
import { accountingProjections, getAccount, listAccounts } from './index.js';

const id = (s: string) => asId<AccountId>(s);
const metadata = {
  actor: 't',
  correlationId: 'c',
  causationId: null,
  occurredAt: '2024-01-02T03:04:05.000Z',
  schemaVersion: 1,
};

describe('account_tree projection (PGlite)', () => {
  let client: SqlClient;
  let store: EventStore;
  let db: ReadDb;

  /** Decides on the folded chart and appends: enough for a projection test (the handler is tested elsewhere). */
  const run = async (command: ChartCommand): Promise<void> => {
    const stored = await store.readStream(streamIds.chart());
    const state = fold(chartDecider, decodeEvents(chartEventC, stored));
    const decision = chartDecider.decide(command, state);
    if (E.isLeft(decision)) throw new Error(decision.left.code);
    const events = decision.right.map((e) => ({
      eventId: randomUUID(),
      ...chartEventC.encode(e),
      metadata,
    }));
    await store.appendToStream(streamIds.chart(), events, {
      expectedRevision: stored.length === 0 ? 'no_stream' : BigInt(stored.length - 1),
    });
    for (const projection of accountingProjections)
      expect((await catchUpProjection({ store, db, projection })).failed).toBe(false);
  };
  const open = (account: string, name: string, parentId: string | null = null) =>
    run({
      type: 'OpenAccount',
      id: id(account),
      name: name as AccountName,
      accountType: 'asset',
      parentId: parentId === null ? null : id(parentId),
    });
  const post = (debit: string, credit: string, amount: string) =>
    run({
      type: 'PostToAccounts',
      entryId: asId<JournalEntryId>('JE'),
      reversal: false,
      postings: [
        { accountId: id(debit), amount: Money.parse(amount) ?? Money.zero },
        { accountId: id(credit), amount: Money.negate(Money.parse(amount) ?? Money.zero) },
      ],
    });
  const row = async (account: string) => {
    const a = await getAccount(db, account);
    return a === undefined
      ? undefined
      : [a.path, a.depth, Money.format(a.balance), Money.format(a.rolledUpBalance)];
  };
  const paths = async (under?: string) =>
    (await listAccounts(db, { under, limit: 500 })).items.map((a) => a.path);

  beforeAll(async () => {
    client = await createPgliteClient();
    await migrateEventStore(client);
    store = createPostgresEventStore(client);
    db = createReadDb(client);
    await migrateReadModels(db, accountingProjections);
    await open('A', 'Assets');
    await open('C', 'Current', 'A');
    await open('K', 'Cash', 'C');
    await open('B', 'Bank', 'C');
    await open('F', 'Fixed', 'A');
    await open('I', 'Income');
    await open('Z', 'Äpfel'); // UTF-8 bytes sort after ASCII
    await open('a', 'assets'); // lower case sorts after upper case in byte order
  });
  afterAll(async () => {
    await client?.close();
  });

  it('precomputes paths and depths, and lists in path order', async () => {
    expect(await row('K')).toEqual(['Assets > Current > Cash', 2, '0', '0']);
    expect(await paths()).toEqual([
      'Assets',
      'Assets > Current',
      'Assets > Current > Bank',
      'Assets > Current > Cash',
      'Assets > Fixed',
      'Income',
      'assets',
      'Äpfel',
    ]);
    expect(await paths('C')).toEqual([
      'Assets > Current',
      'Assets > Current > Bank',
      'Assets > Current > Cash',
    ]);
    expect(await paths('nope')).toEqual([]);
    expect(await getAccount(db, 'nope')).toBeUndefined();
  });

  it('rolls postings up to every ancestor', async () => {
    await post('K', 'I', '100.25');
    await post('B', 'K', '0.25');
    expect(await row('K')).toEqual(['Assets > Current > Cash', 2, '100', '100']);
    expect(await row('C')).toEqual(['Assets > Current', 1, '0', '100.25']);
    expect(await row('A')).toEqual(['Assets', 0, '0', '100.25']);
    expect(await row('I')).toEqual(['Income', 0, '-100.25', '-100.25']);
  });

  it('rewrites a subtree on rename and on move, carrying rolled-up balances', async () => {
    await run({ type: 'RenameAccount', id: id('C'), name: 'Liquid' as AccountName });
    expect(await row('K')).toEqual(['Assets > Liquid > Cash', 2, '100', '100']);
    await run({ type: 'MoveAccount', id: id('C'), parentId: id('I') });
    expect(await row('K')).toEqual(['Income > Liquid > Cash', 2, '100', '100']);
    expect(await row('A')).toEqual(['Assets', 0, '0', '0']);
    expect(await row('I')).toEqual(['Income', 0, '-100.25', '0']);
    await run({ type: 'MoveAccount', id: id('C'), parentId: null });
    expect(await row('B')).toEqual(['Liquid > Bank', 1, '0.25', '0.25']);
    expect((await getAccount(db, 'C'))?.parentId).toBeNull();
    await run({ type: 'MoveAccount', id: id('I'), parentId: id('K') });
    expect(await row('I')).toEqual(['Liquid > Cash > Income', 2, '-100.25', '-100.25']);
    expect(await row('C')).toEqual(['Liquid', 0, '0', '0']);
    expect(await paths()).toEqual([
      'Assets',
      'Assets > Fixed',
      'Liquid',
      'Liquid > Bank',
      'Liquid > Cash',
      'Liquid > Cash > Income',
      'assets',
      'Äpfel',
    ]);
  });

  it('pages by keyset with opaque cursors and refuses foreign ones', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAccounts(db, { limit: 3, cursor });
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toEqual((await listAccounts(db, { limit: 500 })).items.map((a) => a.id));
    await expect(
      listAccounts(db, { cursor: Buffer.from('["zz","x"]').toString('base64url') }),
    ).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
