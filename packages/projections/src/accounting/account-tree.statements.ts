import { sql, type Transaction } from 'kysely';
import type {
  AccountClosed,
  AccountMoved,
  AccountOpened,
  AccountRenamed,
  AccountsPosted,
} from '@erpcore/domain';
import type { ReadModels } from '../read-models.js';
import './account-tree.tables.js';

/**
 * The SQL behind `account_tree`, one function per event. Each is set-based: a rename or move
 * rewrites the whole subtree in one UPDATE (found through the GIN index on `ancestor_ids`), and
 * balances roll up to every ancestor in one statement. Nothing walks the tree row by row in code.
 */
type Trx = Transaction<ReadModels>;

const nul = sql`decode('00', 'hex')`;

/** Inserts the account under its parent, copying the parent's path, key, depth and ancestors. */
export const openAccount = async (trx: Trx, { data }: AccountOpened): Promise<void> => {
  await sql`
    insert into account_tree (id, parent_id, name, type, path, sort_key, depth, ancestor_ids, balance, rolled_up_balance, closed)
    select ${data.id}, p.id, ${data.name}, ${data.type},
           coalesce(p.path || ' > ', '') || ${data.name},
           coalesce(p.sort_key, ''::bytea) || convert_to(${data.name}, 'UTF8') || ${nul},
           coalesce(p.depth + 1, 0),
           case when p.id is null then '{}'::text[] else p.ancestor_ids || p.id end,
           0, 0, false
    from (select 1) as one left join account_tree p on p.id = ${data.parentId}::text
    on conflict (id) do nothing`.execute(trx);
};

/**
 * Renames the account and splices the new name into the path and key of its whole subtree: every
 * row keeps its suffix after the account's old name and gets the new prefix.
 */
export const renameAccount = async (trx: Trx, { data }: AccountRenamed): Promise<void> => {
  await sql`
    with x as (
      select id, char_length(path) - char_length(name) as path_prefix_length,
             length(sort_key) - octet_length(name) - 1 as key_prefix_length,
             char_length(path) as path_length, length(sort_key) as key_length,
             path, sort_key
      from account_tree where id = ${data.id}
    )
    update account_tree t set
      name = case when t.id = x.id then ${data.name} else t.name end,
      path = left(x.path, x.path_prefix_length) || ${data.name} || substr(t.path, x.path_length + 1),
      sort_key = substring(x.sort_key from 1 for x.key_prefix_length) || convert_to(${data.name}, 'UTF8') || ${nul}
                 || substring(t.sort_key from x.key_length + 1)
    from x
    where t.id = x.id or t.ancestor_ids @> array[x.id]`.execute(trx);
};

/**
 * Moves the account's rolled-up balance off its old ancestors and onto the new ones (common
 * ancestors net to zero), then re-roots its subtree under the new parent in one UPDATE.
 */
export const moveAccount = async (trx: Trx, { data }: AccountMoved): Promise<void> => {
  await sql`
    with x as (select rolled_up_balance as amount, ancestor_ids from account_tree where id = ${data.id}),
    np as (select ancestor_ids || id as ancestor_ids from account_tree where id = ${data.parentId}::text),
    deltas as (
      select a.id, -x.amount as delta from x cross join lateral unnest(x.ancestor_ids) as a(id)
      union all
      select a.id, x.amount from x cross join np cross join lateral unnest(np.ancestor_ids) as a(id)
    ),
    net as (select id, sum(delta) as delta from deltas group by id)
    update account_tree t set rolled_up_balance = t.rolled_up_balance + net.delta
    from net where t.id = net.id and net.delta <> 0`.execute(trx);
  await sql`
    with x as (
      select id, depth, char_length(path) - char_length(name) as path_prefix_length,
             length(sort_key) - octet_length(name) - 1 as key_prefix_length
      from account_tree where id = ${data.id}
    ),
    np as (select path, sort_key, depth, ancestor_ids || id as ancestor_ids from account_tree where id = ${data.parentId}::text),
    n as (
      select coalesce((select path || ' > ' from np), '') as path_prefix,
             coalesce((select sort_key from np), ''::bytea) as key_prefix,
             coalesce((select ancestor_ids from np), '{}'::text[]) as ancestor_ids
    )
    update account_tree t set
      parent_id = case when t.id = x.id then ${data.parentId}::text else t.parent_id end,
      path = n.path_prefix || substr(t.path, x.path_prefix_length + 1),
      sort_key = n.key_prefix || substring(t.sort_key from x.key_prefix_length + 1),
      ancestor_ids = n.ancestor_ids || t.ancestor_ids[x.depth + 1:],
      depth = t.depth - x.depth + cardinality(n.ancestor_ids)
    from x cross join n
    where t.id = x.id or t.ancestor_ids @> array[x.id]`.execute(trx);
};

/** Marks the account closed. */
export const closeAccount = async (trx: Trx, { data }: AccountClosed): Promise<void> => {
  await sql`update account_tree set closed = true where id = ${data.id}`.execute(trx);
};

/**
 * Adds an entry's net deltas to each account's own balance and to the rolled-up balance of it and
 * every ancestor: one statement for all lines, summed per row so an ancestor shared by two lines
 * is updated once.
 */
export const postToAccounts = async (trx: Trx, { data }: AccountsPosted): Promise<void> =>
  postDeltas(
    trx,
    data.postings.map((p) => p.accountId),
    data.postings.map((p) => p.amount),
  );

/**
 * Adds `amounts[i]` to account `ids[i]` and to the rolled-up balance of it and its ancestors. An
 * id may repeat (its amounts add up), so several entries' postings can go in one statement. The
 * posted accounts are read once (`a` is materialised; the planner scans the table when a batch
 * posts to a good share of it), and the rows to change are found through the primary key
 * (`= any(...)`): joined on `net` alone, the update hash-joined a sequential scan of the whole
 * table whenever it had no statistics yet (a catch-up from zero), estimating 16,000 rows for 500.
 */
export const postDeltas = async (
  trx: Trx,
  ids: readonly string[],
  amounts: readonly bigint[],
): Promise<void> => {
  await sql`
    with d as (
      select account_id, sum(delta) as delta
        from unnest(${ids}::text[], ${amounts.map(String)}::bigint[]) as d(account_id, delta)
       group by account_id),
    a as materialized (select a.id, a.ancestor_ids, d.delta from d join account_tree a on a.id = d.account_id),
    net as (
      select id, sum(own) as own, sum(rolled) as rolled from (
        select id, delta as own, delta as rolled from a
        union all
        select anc.id, 0, a.delta from a cross join lateral unnest(a.ancestor_ids) as anc(id)
      ) as targets group by id)
    update account_tree t set balance = t.balance + net.own, rolled_up_balance = t.rolled_up_balance + net.rolled
    from net where t.id = net.id and t.id = any(array(select id from net))`.execute(trx);
};
