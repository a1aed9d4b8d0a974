import { sql } from 'kysely';
import type { ProjectionDefinition } from '../projection-definition.js';
import { partyMovementOf, partyMovementTypes, type PartyMovement } from './party-movement.js';
import './reporting.tables.js';

type Trx = Parameters<ProjectionDefinition['apply']>[0];

/**
 * Applies one movement. Events arrive in position order, so a party's `position` says what was
 * applied: the guard skips an event at or below it. A document dated before the party's later
 * ones (a bill entered late) shifts the running totals after it: the write pays for that, the
 * aging read never does.
 */
const applyMovement = async (trx: Trx, m: PartyMovement): Promise<void> => {
  const party = sql`party_kind = ${m.party_kind} and party_id = ${m.party_id}`;
  const fresh = await sql`
    insert into parties (party_kind, party_id, position) values (${m.party_kind}, ${m.party_id}, ${m.position}::bigint)
    on conflict (party_kind, party_id) do update set position = excluded.position
      where parties.position < excluded.position
    returning 1`.execute(trx);
  if (fresh.rows.length === 0) return;
  const charged = m.amount > 0n ? m.amount : 0n;
  const credited = m.amount < 0n ? -m.amount : 0n;
  // Cents as decimal text, cast in SQL: every driver (pg, PGlite) binds text the same way.
  const c = sql`${charged.toString()}::bigint`;
  const cr = sql`${credited.toString()}::bigint`;
  if (charged > 0n) {
    await sql`
      insert into party_documents (position, party_kind, party_id, document_id, day, amount, charged_through)
      select ${m.position}::bigint, ${m.party_kind}, ${m.party_id}, ${m.document_id}, ${m.day}::date, ${c},
             ${c} + coalesce((select charged_through from party_documents
                                    where ${party} and (day, position) < (${m.day}::date, ${m.position}::bigint)
                                    order by day desc, position desc limit 1), 0)`.execute(trx);
    await sql`
      update party_documents set charged_through = charged_through + ${c}
      where ${party} and (day, position) > (${m.day}::date, ${m.position}::bigint)`.execute(trx);
  }
  if (charged === 0n && credited === 0n) return;
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
 * `party_aging`: what the aging report reads, kept so that it reads only what is still open.
 * `parties` lists every party; `party_daily_totals` gives each one's charged and credited totals
 * at any date (the last row on or before it, one index seek); `party_documents` holds the
 * documents with their running total, so the ones payments have not settled at that date (oldest
 * first) are the index range `credited < charged_through <= charged`.
 */
export const partyAgingProjection: ProjectionDefinition = {
  name: 'party_aging',
  version: 1,
  tables: ['parties', 'party_documents', 'party_daily_totals'],
  createTables: async (db) => {
    await db.schema
      .createTable('parties')
      .addColumn('party_kind', 'text', (c) => c.notNull())
      .addColumn('party_id', 'text', (c) => c.notNull())
      .addColumn('position', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('parties_pk', ['party_kind', 'party_id'])
      .execute();
    await db.schema
      .createTable('party_documents')
      .addColumn('position', 'bigint', (c) => c.primaryKey())
      .addColumn('party_kind', 'text', (c) => c.notNull())
      .addColumn('party_id', 'text', (c) => c.notNull())
      .addColumn('document_id', 'text', (c) => c.notNull())
      .addColumn('day', 'date', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('charged_through', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('party_documents_by_total')
      .on('party_documents')
      .columns(['party_kind', 'party_id', 'charged_through'])
      .execute();
    await db.schema
      .createIndex('party_documents_by_day')
      .on('party_documents')
      .columns(['party_kind', 'party_id', 'day', 'position'])
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
