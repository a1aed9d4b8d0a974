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
 * A batch's movements in one statement, leaving the rows `applyMovement` one by one leaves. A
 * party's movements arrive in position order, so one is fresh (not applied yet) exactly when it
 * is past the party's stored position. A day row holds what was charged and credited through its
 * day, and sums commute: so every day row the batch touches (its movements' days, and the
 * party's later days) becomes the last row on or before that day plus the batch's fresh
 * movements up to it. The lookups are lateral, so they stay index seeks per party as the tables
 * grow.
 */
const applyMovements = async (trx: Trx, moves: readonly PartyMovement[]): Promise<void> => {
  const column = <T>(f: (m: PartyMovement) => T): T[] => moves.map(f);
  await sql`
    with m as (
      select * from unnest(${column((m) => m.party_kind)}::text[], ${column((m) => m.party_id)}::text[],
                           ${column((m) => m.day)}::date[],
                           ${column((m) => (m.amount > 0n ? m.amount : 0n).toString())}::bigint[],
                           ${column((m) => (m.amount < 0n ? -m.amount : 0n).toString())}::bigint[],
                           ${column((m) => m.position)}::bigint[])
        as m(party_kind, party_id, day, c, cr, position)),
    fresh as (
      select m.* from m left join lateral (
        select p.position from parties p
        where p.party_kind = m.party_kind and p.party_id = m.party_id limit 1) p on true
      where p.position is null or p.position < m.position),
    seen as (
      insert into parties (party_kind, party_id, position)
      select party_kind, party_id, max(position) from m group by party_kind, party_id
      on conflict (party_kind, party_id) do update set position = excluded.position
        where parties.position < excluded.position),
    moved as (
      select party_kind, party_id, day, sum(c) as c, sum(cr) as cr from fresh
      where c <> 0 or cr <> 0 group by party_kind, party_id, day),
    days as (
      select party_kind, party_id, day from moved
      union
      select f.party_kind, f.party_id, t.day
      from (select party_kind, party_id, min(day) as first from moved group by party_kind, party_id) f
      cross join lateral (
        select t.day from party_daily_totals t
        where t.party_kind = f.party_kind and t.party_id = f.party_id and t.day > f.first
        offset 0) t)
    insert into party_daily_totals (party_kind, party_id, day, charged, credited)
    select d.party_kind, d.party_id, d.day, coalesce(prev.charged, 0) + s.c, coalesce(prev.credited, 0) + s.cr
    from days d
    cross join lateral (
      select sum(x.c) as c, sum(x.cr) as cr from moved x
      where x.party_kind = d.party_kind and x.party_id = d.party_id and x.day <= d.day) s
    left join lateral (
      select t.charged, t.credited from party_daily_totals t
      where t.party_kind = d.party_kind and t.party_id = d.party_id and t.day <= d.day
      order by t.day desc limit 1) prev on true
    on conflict (party_kind, party_id, day) do update
      set charged = excluded.charged, credited = excluded.credited`.execute(trx);
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
  // One statement a batch instead of three a movement.
  applyBatch: async (trx, events) => {
    const moves: PartyMovement[] = [];
    for (const stored of events) {
      const m = partyMovementOf(stored);
      if (m !== undefined) moves.push(m);
    }
    if (moves.length > 0) await applyMovements(trx, moves);
  },
};
