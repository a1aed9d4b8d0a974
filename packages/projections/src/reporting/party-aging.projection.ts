import { sql } from 'kysely';
import type { ProjectionDefinition } from '../projection-definition.js';
import { agingStepsFrom, dayNumber, stepDifference, tailOf, withMovement } from './aging-steps.js';
import {
  addToTotals,
  readSteps,
  readTotals,
  writeDailyTotals,
  writeSteps,
  writeTail,
  type Trx,
} from './party-aging.statements.js';
import { applyPartyMovements } from './party-aging.batch.js';
import { partyMovementOf, partyMovementTypes, type PartyMovement } from './party-movement.js';
import './reporting.tables.js';

/**
 * Applies one movement. Events arrive in position order, so a party's `position` says what was
 * applied: the guard skips an event at or below it. A movement dated before the party's later
 * days (a bill entered late) shifts the running totals and the aging of those days: the write
 * pays for that, the aging read never does.
 */
const applyMovement = async (trx: Trx, m: PartyMovement): Promise<void> => {
  const fresh = await sql<{ last_day: string | null }>`
    insert into parties (party_kind, party_id, position) values (${m.party_kind}, ${m.party_id}, ${m.position}::bigint)
    on conflict (party_kind, party_id) do update set position = excluded.position
      where parties.position < excluded.position
    returning last_day::text`.execute(trx);
  const party = fresh.rows[0];
  if (party === undefined || m.amount === 0n) return;
  const charged = m.amount > 0n ? m.amount : 0n;
  const credited = m.amount < 0n ? -m.amount : 0n;
  const from = dayNumber(m.day);
  const totals = withMovement(await readTotals(trx, m, from), from, charged, credited);
  const old = await readSteps(trx, m);
  const steps = agingStepsFrom(totals, from, old.before);
  await writeDailyTotals(trx, m, charged, credited);
  await writeSteps(trx, m, steps);
  await addToTotals(trx, m.party_kind, stepDifference(old.steps, steps, old.before));
  const last = party.last_day === null ? from : Math.max(from, dayNumber(party.last_day));
  await writeTail(trx, m, tailOf(totals, last));
};

/**
 * `party_aging`: what the aging report reads. `parties` lists every customer and supplier whose
 * debt ever moved; `party_daily_totals` holds, per party and day it moved, what it had been
 * charged (deliveries, bills) and credited (payments, returns) through that day, from which the
 * write derives `party_aging_steps`, each party's aging per day it changes, and
 * `party_aging_totals`, their sum per kind. Any date's aging, of a party or of all, is the last
 * row on or before it: one index seek, however long the history.
 */
export const partyAgingProjection: ProjectionDefinition = {
  name: 'party_aging',
  version: 2,
  tables: ['parties', 'party_daily_totals', 'party_aging_steps', 'party_aging_totals'],
  createTables: async (db) => {
    await db.schema
      .createTable('parties')
      .addColumn('party_kind', 'text', (c) => c.notNull())
      .addColumn('party_id', 'text', (c) => c.notNull())
      .addColumn('position', 'bigint', (c) => c.notNull())
      .addColumn('last_day', 'date')
      .addColumn('credited', 'bigint')
      .addColumn('tail_days', sql`date[]`)
      .addColumn('tail_charged', sql`bigint[]`)
      .addPrimaryKeyConstraint('parties_pk', ['party_kind', 'party_id'])
      .execute();
    await db.schema
      .createTable('party_daily_totals')
      .addColumn('party_kind', 'text', (c) => c.notNull())
      .addColumn('party_id', 'text', (c) => c.notNull())
      .addColumn('day', 'date', (c) => c.notNull())
      .addColumn('charged', 'bigint', (c) => c.notNull())
      .addColumn('credited', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('party_daily_totals_pk', ['party_kind', 'party_id', 'day'])
      .execute();
    await db.schema
      .createTable('party_aging_steps')
      .addColumn('party_kind', 'text', (c) => c.notNull())
      .addColumn('party_id', 'text', (c) => c.notNull())
      .addColumn('day', 'date', (c) => c.notNull())
      .addColumn('current', 'bigint', (c) => c.notNull())
      .addColumn('days_31_60', 'bigint', (c) => c.notNull())
      .addColumn('days_61_90', 'bigint', (c) => c.notNull())
      .addColumn('over_90', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('party_aging_steps_pk', ['party_kind', 'party_id', 'day'])
      .execute();
    await db.schema
      .createTable('party_aging_totals')
      .addColumn('party_kind', 'text', (c) => c.notNull())
      .addColumn('day', 'date', (c) => c.notNull())
      .addColumn('current', 'bigint', (c) => c.notNull())
      .addColumn('days_31_60', 'bigint', (c) => c.notNull())
      .addColumn('days_61_90', 'bigint', (c) => c.notNull())
      .addColumn('over_90', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('party_aging_totals_pk', ['party_kind', 'day'])
      .execute();
  },
  handles: partyMovementTypes,
  apply: async (trx, stored) => {
    const m = partyMovementOf(stored);
    if (m !== undefined) await applyMovement(trx, m);
  },
  // A fixed number of statements a batch instead of up to nine a movement.
  applyBatch: async (trx, events) => {
    const moves: PartyMovement[] = [];
    for (const stored of events) {
      const m = partyMovementOf(stored);
      if (m !== undefined) moves.push(m);
    }
    if (moves.length > 0) await applyPartyMovements(trx, moves);
  },
};
