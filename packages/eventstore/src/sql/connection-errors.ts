/**
 * Whether an error means the connection to the database is gone or cannot be made (a restart,
 * a failover, `pg_terminate_backend`, a pooler dropping it), as opposed to a statement's own
 * failure: retrying on a new connection may succeed, and the API answers 503, not 500.
 */
export const isConnectionLoss = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  // 57P01 admin_shutdown (terminate), 57P02 crash_shutdown, 57P03 cannot_connect_now, 08… connection exceptions.
  if (/^(57P0[123]|08...)$/.test(code)) return true;
  if (
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code)
  )
    return true;
  return /Connection terminated|connection is closed|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
    error.message,
  );
};

/**
 * Whether a prepared (named) statement failed because its table changed type under it: a newer
 * process migrated a read model while this one runs. PostgreSQL re-plans it silently unless the
 * result's row type changed; then only a new connection, which prepares it again, can run it.
 */
export const isStalePreparedStatement = (error: unknown): boolean =>
  error instanceof Error &&
  'code' in error &&
  error.code === '0A000' &&
  /cached plan must not change result type/.test(error.message);
