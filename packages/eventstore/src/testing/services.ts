import { createConnection } from 'node:net';
import pg from 'pg';

/**
 * Tests that need PostgreSQL or Redis call these. Without the service they skip, unless
 * REQUIRE_SERVICES=1 (as CI sets), where they fail: a missing service is never a silent pass.
 */
export const requireServices = process.env['REQUIRE_SERVICES'] === '1';

export const postgresUrl =
  process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const redisUrl = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

let postgresUp: Promise<boolean> | undefined;

/** Whether PostgreSQL answers; throws when it does not and services are required. */
export const postgresAvailable = async (): Promise<boolean> => {
  postgresUp ??= (async () => {
    const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  const up = await postgresUp;
  if (!up && requireServices)
    throw new Error(
      `PostgreSQL is required (REQUIRE_SERVICES=1) but ${postgresUrl} does not answer`,
    );
  return up;
};

let redisUp: Promise<boolean> | undefined;

/** Sends PING over a plain socket: no Redis client is needed here, so this package stays lean. */
const pingRedis = (url: string): Promise<boolean> =>
  new Promise((resolvePing) => {
    const u = new URL(url);
    const socket = createConnection({ host: u.hostname, port: Number(u.port || '6379') });
    const done = (up: boolean): void => {
      socket.destroy();
      resolvePing(up);
    };
    socket.setTimeout(3000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => done(chunk.toString().startsWith('+PONG')));
  });

/** Whether Redis answers PING; throws when it does not and services are required. */
export const redisAvailable = async (): Promise<boolean> => {
  redisUp ??= pingRedis(redisUrl);
  const up = await redisUp;
  if (!up && requireServices)
    throw new Error(`Redis is required (REQUIRE_SERVICES=1) but ${redisUrl} does not answer`);
  return up;
};

export interface TestSchema {
  readonly schema: string;
  /** A connection string whose sessions use this schema (search_path). */
  readonly url: string;
  /** A pool on that schema; closed by `drop`. */
  readonly pool: pg.Pool;
  drop(): Promise<void>;
}

/** A fresh schema of its own for one test file, so files run in parallel without sharing rows. */
export const createTestSchema = async (prefix: string): Promise<TestSchema> => {
  const schema = `t_${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  await admin.end();
  const url = withSearchPath(postgresUrl, schema);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  return {
    schema,
    url,
    pool,
    drop: async () => {
      await pool.end();
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    },
  };
};

/** Adds `options=-c search_path=<schema>` to a PostgreSQL connection string. */
export const withSearchPath = (url: string, schema: string): string => {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
};
