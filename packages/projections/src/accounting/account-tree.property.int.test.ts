import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import {
  asId,
  chartDecider,
  chartEventC,
  decidePostEntry,
  journalDecider,
  journalEventC,
  Money,
  type AccountId,
  type AccountName,
  type CalendarDate,
  type ChartCommand,
  type ChartState,
  type Description,
  type DomainEvent,
  type JournalEntryId,
  type JournalState,
} from '@erpcore/domain';
import {
  createInMemorySnapshotStore,
  createPgliteClient,
  createPostgresEventStore,
  handleCommand,
  handleMultiStreamCommand,
  migrateEventStore,
  type EventStore,
  type SqlClient,
  type StreamModel,
} from '@erpcore/eventstore';
import { catchUpProjection, createReadDb, migrateReadModels, type ReadDb } from '../index.js';
import { accountingProjections, listAccounts } from './index.js';

/** A step of a random history; account ids are indexes into a small pool, so moves often aim at relatives. */
type Step =
  | {
      readonly kind: 'open';
      readonly account: number;
      readonly name: string;
      readonly parent: number | null;
    }
  | { readonly kind: 'rename'; readonly account: number; readonly name: string }
  | { readonly kind: 'move'; readonly account: number; readonly parent: number | null }
  | { readonly kind: 'close'; readonly account: number }
  | {
      readonly kind: 'post';
      readonly debit: number;
      readonly credit: number;
      readonly cents: bigint;
    };

const pool = 7;
const accountArb = fc.nat({ max: pool - 1 });
const parentArb = fc.option(accountArb, { nil: null });
const nameArb = fc.constantFrom('Cash', 'cash', 'Bank', 'Äpfel', 'A b', 'Z');
/** A forest to start from: account i opens under one of the accounts before it, or at the root. */
const forestArb: fc.Arbitrary<Step[]> = fc
  .tuple(
    ...Array.from({ length: pool }, (_x, i) =>
      fc.tuple(
        i === 0 ? fc.constant(null) : fc.option(fc.nat({ max: i - 1 }), { nil: null, freq: 4 }),
        nameArb,
      ),
    ),
  )
  .map((choices) =>
    choices.map(([parent, name], account) => ({
      kind: 'open' as const,
      account,
      name: `${name}${account % 3}`,
      parent,
    })),
  );
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('open' as const),
      account: accountArb,
      name: nameArb,
      parent: parentArb,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rename' as const),
      account: accountArb,
      name: nameArb,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      account: accountArb,
      parent: parentArb,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), account: accountArb }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('post' as const),
      debit: accountArb,
      credit: accountArb,
      cents: fc.bigInt({ min: 1n, max: 10_000_000n }),
    }),
  },
);

/** The test's own naive model of the chart: parent links, names and own balances, nothing derived. */
interface ModelAccount {
  name: string;
  parent: string | null;
  balance: bigint;
}

const chain = (model: Map<string, ModelAccount>, id: string): string[] => {
  const result: string[] = [];
  for (
    let current = model.get(id)?.parent ?? null;
    current !== null;
    current = model.get(current)?.parent ?? null
  ) {
    if (result.includes(current) || result.length > model.size)
      throw new Error(`cycle through ${current}`);
    result.unshift(current);
  }
  return result;
};

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const comparePaths = (a: readonly string[], b: readonly string[]): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = Buffer.compare(utf8(a[i] ?? ''), utf8(b[i] ?? ''));
    if (c !== 0) return c;
  }
  return a.length - b.length;
};

describe('account_tree through the command handler and projector (PGlite), random histories', () => {
  let client: SqlClient;
  let store: EventStore;
  let db: ReadDb;
  let run = 0;
  const metadataContext = () => ({
    actor: 'prop',
    correlationId: 'c',
    now: new Date('2024-01-01T00:00:00Z'),
    newEventId: randomUUID,
  });

  beforeAll(async () => {
    client = await createPgliteClient();
    await migrateEventStore(client);
    store = createPostgresEventStore(client);
    db = createReadDb(client);
    await migrateReadModels(db, accountingProjections);
  });
  afterAll(async () => {
    await client?.close();
  });

  it('keeps paths, depths, ancestors and rolled-up balances equal to those recomputed from the parent map; never a cycle; trial balance zero', async () => {
    await fc.assert(
      fc.asyncProperty(
        forestArb,
        fc.array(stepArb, { minLength: 10, maxLength: 30, size: 'max' }),
        async (forest, random) => {
          const steps = [...forest, ...random];
          // Each run has its own chart stream and account ids, so runs share the database but not a tree.
          run += 1;
          const chartStream = `chart-run${run}`;
          const id = (n: number) => asId<AccountId>(`r${run}-${n}`);
          const load = {
            kind: 'snapshot' as const,
            snapshots: createInMemorySnapshotStore<ChartState>(),
            every: 4,
          };
          const chartModel: StreamModel<DomainEvent, unknown> = {
            initialState: chartDecider.initialState,
            evolve: chartDecider.evolve,
            codec: chartEventC,
            load,
          };
          const journalModel: StreamModel<DomainEvent, unknown> = {
            initialState: journalDecider.initialState,
            evolve: journalDecider.evolve,
            codec: journalEventC,
          };
          const model = new Map<string, ModelAccount>();
          const closed = new Set<string>();

          for (const [index, step] of steps.entries()) {
            if (step.kind === 'post') {
              const entryId = asId<JournalEntryId>(`r${run}-JE${index}`);
              const command = {
                type: 'PostJournalEntry' as const,
                id: entryId,
                date: '2024-01-31' as CalendarDate,
                description: '' as Description,
                lines: [
                  {
                    accountId: id(step.debit),
                    side: 'debit' as const,
                    amount: Money.ofCents(step.cents),
                  },
                  {
                    accountId: id(step.credit),
                    side: 'credit' as const,
                    amount: Money.ofCents(step.cents),
                  },
                ],
              };
              const journalStream = `journal-${entryId}`;
              const result = await handleMultiStreamCommand(store, {
                streams: { [chartStream]: chartModel, [journalStream]: journalModel },
                decide: (states) =>
                  E.map((d: { chart: readonly DomainEvent[]; journal: readonly DomainEvent[] }) => [
                    { streamId: chartStream, events: d.chart },
                    { streamId: journalStream, events: d.journal },
                  ])(
                    decidePostEntry(
                      states[chartStream] as ChartState,
                      states[journalStream] as JournalState,
                      command,
                    ),
                  ),
                context: metadataContext(),
              });
              const usable = (n: number) => model.has(id(n)) && !closed.has(id(n));
              expect(E.isRight(result)).toBe(usable(step.debit) && usable(step.credit));
              if (E.isRight(result)) {
                model.get(id(step.debit))!.balance += step.cents;
                model.get(id(step.credit))!.balance -= step.cents;
              }
              continue;
            }
            const command: ChartCommand =
              step.kind === 'open'
                ? {
                    type: 'OpenAccount',
                    id: id(step.account),
                    name: step.name as AccountName,
                    accountType: 'asset',
                    parentId: step.parent === null ? null : id(step.parent),
                  }
                : step.kind === 'rename'
                  ? { type: 'RenameAccount', id: id(step.account), name: step.name as AccountName }
                  : step.kind === 'move'
                    ? {
                        type: 'MoveAccount',
                        id: id(step.account),
                        parentId: step.parent === null ? null : id(step.parent),
                      }
                    : { type: 'CloseAccount', id: id(step.account) };
            const result = await handleCommand(store, {
              decider: chartDecider,
              codec: chartEventC,
              streamId: chartStream,
              command,
              context: metadataContext(),
              load,
            });
            if (
              command.type === 'MoveAccount' &&
              command.parentId !== null &&
              model.has(command.id) &&
              model.has(command.parentId)
            ) {
              const attemptsCycle =
                command.parentId === command.id ||
                chain(model, command.parentId).includes(command.id);
              if (attemptsCycle) expect(E.isLeft(result) && result.left.code).toBe('account_cycle');
            }
            if (E.isLeft(result)) continue;
            if (result.right.events.length === 0) continue;
            if (command.type === 'OpenAccount')
              model.set(command.id, { name: command.name, parent: command.parentId, balance: 0n });
            if (command.type === 'RenameAccount') model.get(command.id)!.name = command.name;
            if (command.type === 'MoveAccount') model.get(command.id)!.parent = command.parentId;
            if (command.type === 'CloseAccount') closed.add(command.id);
            // Throws if the accepted command closed a cycle.
            for (const account of model.keys()) chain(model, account);
          }

          for (const projection of accountingProjections)
            expect((await catchUpProjection({ store, db, projection })).failed).toBe(false);
          const rows = await db
            .selectFrom('account_tree')
            .select([
              'id',
              'parent_id',
              'name',
              'path',
              'depth',
              'ancestor_ids',
              'balance',
              'rolled_up_balance',
              'closed',
            ])
            .where('id', 'like', `r${run}-%`)
            .execute();
          const expected = [...model].map(([account, a]) => {
            const ancestors = chain(model, account);
            const subtree = [...model.keys()].filter(
              (x) => x === account || chain(model, x).includes(account),
            );
            return {
              id: account,
              parent_id: a.parent,
              name: a.name,
              path: [...ancestors.map((x) => model.get(x)!.name), a.name].join(' > '),
              depth: ancestors.length,
              ancestor_ids: ancestors,
              balance: a.balance.toString(),
              rolled_up_balance: subtree
                .reduce((sum, x) => sum + model.get(x)!.balance, 0n)
                .toString(),
              closed: closed.has(account),
            };
          });
          const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
          expect([...rows].sort(byId)).toEqual(expected.sort(byId));

          // Path order: pre-order with siblings by name in byte order.
          const pathOf = (account: string) =>
            [...chain(model, account), account].map((x) => model.get(x)!.name);
          const listed = (await listAccounts(db, { limit: 500 })).items
            .map((a) => a.id)
            .filter((x) => model.has(x));
          expect(listed).toEqual(
            [...model.keys()].sort((a, b) => comparePaths(pathOf(a), pathOf(b))),
          );
          const total = await db
            .selectFrom('account_tree')
            .select((eb) => eb.fn.sum<string>('balance').as('total'))
            .executeTakeFirstOrThrow();
          expect(BigInt(total.total ?? '0')).toBe(0n);
        },
      ),
      { numRuns: 15 },
    );
  });
});
