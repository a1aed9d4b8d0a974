import { sql } from 'kysely';
import { journalEventC, journalEventTypes } from '@erpcore/domain';
import type { StoredEvent } from '@erpcore/eventstore';
import { decodedEvent } from '../decoded-event.js';
import type { ProjectionDefinition } from '../projection-definition.js';
import './reporting.tables.js';

type Totals = Map<string, { account: string; day: string; debit: bigint; credit: bigint }>;

/** Adds an entry's (or a reversal's) lines to per-account, per-day totals. */
const addLines = (totals: Totals, stored: StoredEvent): void => {
  const { data } = decodedEvent(journalEventC, stored);
  for (const line of data.lines) {
    const key = `${line.accountId}\u0000${data.date}`;
    const row = totals.get(key) ?? {
      account: line.accountId,
      day: data.date,
      debit: 0n,
      credit: 0n,
    };
    if (line.side === 'debit') row.debit += line.amount;
    else row.credit += line.amount;
    totals.set(key, row);
  }
};

const write = async (
  trx: Parameters<ProjectionDefinition['apply']>[0],
  totals: Totals,
): Promise<void> => {
  const rows = [...totals.values()];
  if (rows.length === 0) return;
  await sql`
    insert into ledger_daily (account_id, day, debit, credit)
    select * from unnest(${rows.map((r) => r.account)}::text[], ${rows.map((r) => r.day)}::date[],
                         ${rows.map((r) => r.debit.toString())}::bigint[],
                         ${rows.map((r) => r.credit.toString())}::bigint[])
    on conflict (account_id, day) do update
      set debit = ledger_daily.debit + excluded.debit,
          credit = ledger_daily.credit + excluded.credit`.execute(trx);
};

/**
 * `ledger_daily`: debits and credits per account per day, from every journal entry and reversal
 * (a reversal counts on its own date, as its mirror lines). Additions commute, so a batch sums
 * in memory and writes one upsert; exactly-once rests on the engine committing rows and
 * checkpoint together, as for `account_tree`'s balances.
 */
export const ledgerDailyProjection: ProjectionDefinition = {
  name: 'ledger_daily',
  version: 1,
  tables: ['ledger_daily'],
  createTables: async (db) => {
    await db.schema
      .createTable('ledger_daily')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('day', 'date', (c) => c.notNull())
      .addColumn('debit', 'bigint', (c) => c.notNull())
      .addColumn('credit', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('ledger_daily_pk', ['account_id', 'day'])
      .execute();
    // Period reports scan a range of days across all accounts.
    await db.schema
      .createIndex('ledger_daily_by_day')
      .on('ledger_daily')
      .columns(['day', 'account_id'])
      .execute();
  },
  handles: journalEventTypes,
  apply: async (trx, stored) => {
    const totals: Totals = new Map();
    addLines(totals, stored);
    await write(trx, totals);
  },
  applyBatch: async (trx, events) => {
    const totals: Totals = new Map();
    for (const stored of events) addLines(totals, stored);
    await write(trx, totals);
  },
};
