/** An attempt ran past its job's `timeoutMs`; it counts as a failed attempt and is retried. */
export class JobTimeoutError extends Error {
  override readonly name = 'JobTimeoutError';
  constructor(
    readonly jobName: string,
    readonly timeoutMs: number,
  ) {
    super(`job ${jobName} timed out after ${timeoutMs} ms`);
  }
}

/** A job name no definition was registered for (a producer or worker of another version). */
export class UnknownJobError extends Error {
  override readonly name = 'UnknownJobError';
  constructor(readonly jobName: string) {
    super(`no job named ${JSON.stringify(jobName)} is registered`);
  }
}

/** The message a failed attempt leaves as the job's last error. */
export const failureMessage = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * Whether a retry cannot help (BullMQ's UnrecoverableError). Matched by name, as BullMQ itself
 * does, so an error from another copy of the bullmq module still counts.
 */
export const isUnrecoverable = (error: unknown): boolean =>
  error instanceof Error && error.name === 'UnrecoverableError';
