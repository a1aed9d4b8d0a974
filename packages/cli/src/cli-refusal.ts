/**
 * Something the operator must change before the command can run (the data directory in use, a
 * database that does not answer): printed as one line, no stack trace, with this exit code.
 */
export class CliRefusal extends Error {
  override readonly name = 'CliRefusal';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
