/** A global position in the log: 64-bit, ordered, not necessarily dense. */
export type GlobalPosition = bigint;
/** A stream revision: 0 for the first event of a stream. */
export type StreamRevision = bigint;
