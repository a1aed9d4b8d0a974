import { createHash } from 'node:crypto';
import {
  CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type Compilable,
  type RawBuilder,
} from 'kysely';
import { clientOf } from './read-db-client.js';
import type { ReadDb } from './read-db.js';
import type { ReadModels } from './read-models.js';

// Compiles builders and runs nothing: a fixed statement's text is known before any database is.
const compileOnly: ReadDb = new Kysely<ReadModels>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** A statement whose text is compiled once; a call only binds its values. */
export interface FixedStatement<V extends readonly unknown[], R> {
  readonly sql: string;
  run(db: ReadDb, ...values: V): Promise<R[]>;
}

const names = new Map<string, string>();
const nameOf = (text: string): string => {
  let name = names.get(text);
  if (name === undefined) {
    name = `erpcore_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
};

const slot = (i: number): string => `\u0000erpcore value ${i}\u0000`;

/**
 * A hot read's statement, written with the typed builder but built and compiled once: `build` is
 * called here with a placeholder for each of its values, and each call of `run` only puts the
 * real values in their places. A read then costs what the same SQL as text costs — no builder
 * objects, no compiler pass per request. On a `db` from `createReadDb` the text goes straight to
 * its SqlClient as a named statement (on PostgreSQL, parsed once per connection and, after a few
 * runs, planned once: planning was most of a report read's server time); on any other (a
 * transaction) it runs through that kysely instance.
 *
 * `build` must use each value as a plain parameter (not to choose the statement's shape): the
 * shape is fixed at compile time, and a value that never reaches the parameters throws here.
 */
export const fixedStatement = <V extends readonly unknown[], R>(
  build: (db: ReadDb, ...values: V) => Compilable<R>,
  // Every declared parameter after `db` is a value; a variadic `build` says how many it takes.
  count = build.length - 1,
): FixedStatement<V, R> => {
  const slots = Array.from({ length: count }, (_x, i) => slot(i));
  const compiled = build(compileOnly, ...(slots as unknown as V)).compile();
  const { sql } = compiled;
  // One name per text: a connection that prepared it binds and executes it from then on.
  const name = nameOf(sql);
  slots.forEach((s, i) => {
    if (!compiled.parameters.includes(s))
      throw new TypeError(`value ${i} is not a parameter of the fixed statement ${sql}`);
  });
  const binding = compiled.parameters.map((p) => {
    const i = slots.indexOf(p as string);
    return i === -1 ? { constant: p } : i;
  });
  const bind = (values: V): unknown[] =>
    binding.map((b) => (typeof b === 'number' ? values[b] : b.constant));
  return {
    sql,
    run: async (db, ...values) => {
      const client = clientOf(db);
      return client === undefined
        ? ((await db.executeQuery(CompiledQuery.raw(sql, bind(values)))).rows as R[])
        : (await client.query<R>(sql, bind(values), { name })).rows;
    },
  };
};

/** A raw `sql` statement as the builder `fixedStatement` compiles (`db` is the one it passes). */
export const rawStatement = <R>(db: ReadDb, query: RawBuilder<R>): Compilable<R> => ({
  compile: () => query.compile(db),
});

/**
 * Fixed statements by shape (which filters a read uses, whether it starts after a cursor, …),
 * each compiled the first time it is asked for: a read with a few optional parts pays no builder
 * and no compiler pass per request. Every shape is prepared on every connection that runs it, so
 * the shapes must be few.
 */
export const statementsByShape = <S, V extends readonly unknown[], R>(
  keyOf: (shape: S) => string,
  build: (shape: S) => FixedStatement<V, R>,
): ((shape: S) => FixedStatement<V, R>) => {
  const statements = new Map<string, FixedStatement<V, R>>();
  return (shape) => {
    const key = keyOf(shape);
    let statement = statements.get(key);
    if (statement === undefined) {
      statement = build(shape);
      statements.set(key, statement);
    }
    return statement;
  };
};

/**
 * Runs a query whose text takes one of a few shapes (filters present or not) as a named statement
 * where `db` allows, as `fixedStatement` does, for reads whose statement is built per call. Never
 * for a text that varies without bound (values inlined): every shape is prepared on every
 * connection and kept for its life.
 */
export const runNamed = async <R>(db: ReadDb, query: RawBuilder<R>): Promise<R[]> => {
  const compiled = query.compile(db);
  const client = clientOf(db);
  return client === undefined
    ? (await db.executeQuery(compiled)).rows
    : (await client.query<R>(compiled.sql, compiled.parameters, { name: nameOf(compiled.sql) }))
        .rows;
};
