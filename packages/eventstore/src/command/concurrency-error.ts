/**
 * A command lost the race for its streams more often than the handler retries: the API answers
 * 409 and the client may simply send it again.
 */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
  readonly code = 'concurrency_conflict';
  constructor(
    readonly streamIds: readonly string[],
    readonly attempts: number,
  ) {
    super(`gave up after ${attempts} attempts: streams ${streamIds.join(', ')} kept changing`);
  }
}
