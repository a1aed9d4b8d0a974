/**
 * A command line that does not parse, or a start the configuration forbids. The message says
 * why; `usage` (when given) is the command's synopsis, printed after it. Exit code 2.
 */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}
