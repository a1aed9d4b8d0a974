import { sql } from 'kysely';
import type { ProjectionDefinition } from '../projection-definition.js';
import { partyMovementOf, partyMovementTypes, type PartyMovement } from './party-movement.js';
import './reporting.tables.js';

type Trx = Parameters<ProjectionDefinition['apply']>[0];

/**
 * Applies one movement. Events arrive in position order, so a party's `position` says what was
 * applied: the guard skips an event at or below it. A movement dated before the party's later
 * days (a bill entered late) shifts the running totals of those days: the write pays for that,
 * the aging read never does.
 */
const applyMovement = async (trx: Trx, m: PartyMovement): Promise<void> => {
  const fresh = await sql`
    insert into parties (party_kind, party_id, position) values (${m.party_kind}, ${m.party_id}, ${m.position}::bigint)
    on conflict (party_kind, party_id) do update set position = excluded.position
      where parties.position < excluded.position
    returning 1`.execute(trx);
  if (fresh.rows.length === 0 || m.amount === 0n) return;
  const party = sql`party_kind = ${m.party_kind} and party_id = ${m.party_id}`;
  // Cents as decimal text, cast in SQL: every driver (pg, PGlite) binds text the same way.
  const c = sql`${(m.amount > 0n ? m.amount : 0n).toString()}::bigint`;
  const cr = sql`${(m.amount < 0n ? -m.amount : 0n).toString()}::bigint`;
  await sql`
    insert into party_daily_totals (party_kind, party_id, day, charged, credited)
    select ${m.party_kind}, ${m.party_id}, ${m.day}::date,
           coalesce(prev.charged, 0) + ${c}, coalesce(prev.credited, 0) + ${cr}
    from (select 1) one left join lateral (
      select charged, credited from party_daily_totals
      where ${party} and day < ${m.day}::date order by day desc limit 1) prev on true
    on conflict (party_kind, party_id, day) do update
      set charged = party_daily_totals.charged + ${c},
          credited = party_daily_totals.credited + ${cr}`.execute(trx);
  await sql`
    update party_daily_totals set charged = charged + ${c}, credited = credited + ${cr}
    where ${party} and day > ${m.day}::date`.execute(trx);
};

/**
 * `party_aging`: what the aging report reads. `parties` lists every customer and supplier whose
 * debt ever moved; `party_daily_totals` holds, per party and day it moved, what it had been
 * charged (deliveries, bills) and credited (payments, returns) through that day. Any date's
 * totals are the last row on or before it: one index seek, however long the history.
 */
export const partyAgingProjection: ProjectionDefinition = {
  name: 'party_aging',
  version: 1,
  tables: ['parties', 'party_daily_totals'],
  createTables: async (db) => {
    await db.schema
      .createTable('parties')
      .addColumn('party_kind', 'text', (c) => c.notNull())
      .addColumn('party_id', 'text', (c) => c.notNull())
      .addColumn('position', 'bigint', (c) => c.notNull())
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
  },
  handles: partyMovementTypes,
  apply: async (trx, stored) => {
    const m = partyMovementOf(stored);
    if (m !== undefined) await applyMovement(trx, m);
  },
};
