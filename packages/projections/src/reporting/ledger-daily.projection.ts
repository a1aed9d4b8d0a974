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

/**
 * Adds each (account, day)'s debits and credits to that day's running totals and every later
 * day's: first a row for each day that had none (carrying the account's totals from the day
 * before), then every row from each day on. A back-dated entry pays for the days after it; a
 * report never sums days.
 */
const write = async (
  trx: Parameters<ProjectionDefinition['apply']>[0],
  totals: Totals,
): Promise<void> => {
  const rows = [...totals.values()];
  if (rows.length === 0) return;
  const input = sql`unnest(${rows.map((r) => r.account)}::text[], ${rows.map((r) => r.day)}::date[],
                           ${rows.map((r) => r.debit.toString())}::bigint[],
                           ${rows.map((r) => r.credit.toString())}::bigint[])
                    u(account_id, day, debit, credit)`;
  await sql`
    insert into ledger_daily (account_id, day, debit, credit)
    select u.account_id, u.day, coalesce(p.debit, 0), coalesce(p.credit, 0) from ${input}
    left join lateral (
      select debit, credit from ledger_daily l
      where l.account_id = u.account_id and l.day < u.day order by l.day desc limit 1) p on true
    on conflict (account_id, day) do nothing`.execute(trx);
  await sql`
    update ledger_daily l set debit = l.debit + x.debit, credit = l.credit + x.credit
    from (select l2.account_id, l2.day, sum(u.debit) as debit, sum(u.credit) as credit
          from ${input} join ledger_daily l2 on l2.account_id = u.account_id and l2.day >= u.day
          group by l2.account_id, l2.day) x
    where l.account_id = x.account_id and l.day = x.day`.execute(trx);
};

/**
 * `ledger_daily`: per account and day it moved, its debits and credits through that day, from
 * every journal entry and reversal (a reversal counts on its own date, as its mirror lines).
 * Additions commute, so a batch sums in memory and writes two statements; exactly-once rests on
 * the engine committing rows and checkpoint together, as for `account_tree`'s balances.
 */
export const ledgerDailyProjection: ProjectionDefinition = {
  name: 'ledger_daily',
  version: 2,
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
