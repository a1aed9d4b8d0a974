import type { SqlClient } from '@erpcore/eventstore';
import type { ErrorDetail } from '../http/http-error.js';

/** One more thing readiness depends on (e.g. Redis): a reason when it is not ready, else undefined. */
export interface ReadinessCheck {
  /** Names it in the 503's details (`path`). */
  readonly name: string;
  readonly check: () => Promise<string | undefined>;
}

/** Longest one check may take: a peer that does not answer in time is not ready. */
export const readinessTimeoutMs = 2000;

/**
 * `promise`'s value, or `onTimeout()`'s after `ms` (a throw there rejects); the timer never keeps
 * the process alive. The late promise's own rejection is swallowed.
 */
export const withTimeout = <T>(promise: Promise<T>, ms: number, onTimeout: () => T): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  promise.catch(() => undefined);
  const timeout = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(onTimeout());
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    }, ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

const message = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** The database answers, and no projection is stopped on a poison event. */
const databaseProblems = async (client: SqlClient): Promise<ErrorDetail[]> => {
  try {
    await client.query('select 1');
  } catch (error) {
    return [{ path: 'database', message: `the database does not answer: ${message(error)}` }];
  }
  const { rows } = await client.query<{
    name: string;
    error_position: string | null;
    error_message: string | null;
  }>(
    `select name, error_position::text as error_position, error_message
       from projection_checkpoints where state = 'failed' order by name`,
  );
  return rows.map((r) => ({
    path: `projections.${r.name}`,
    message: `failed at position ${r.error_position ?? '?'}: ${r.error_message ?? ''}`,
  }));
};

/** Every reason this process is not ready; empty when it is. */
export const readinessProblems = async (
  client: SqlClient,
  checks: readonly ReadinessCheck[],
): Promise<ErrorDetail[]> => {
  const results = await Promise.all([
    withTimeout(
      databaseProblems(client).catch((error: unknown) => [
        { path: 'database', message: `the database does not answer: ${message(error)}` },
      ]),
      readinessTimeoutMs,
      () => [{ path: 'database', message: 'the database does not answer in time' }],
    ),
    ...checks.map(({ name, check }) =>
      withTimeout(
        check().catch(message),
        readinessTimeoutMs,
        () => `${name} does not answer in time`,
      ).then((reason): ErrorDetail[] =>
        reason === undefined ? [] : [{ path: name, message: reason }],
      ),
    ),
  ]);
  return results.flat();
};
