import { START, type Position, type ReadPosition } from '@kurrent/kurrentdb-client';
import type { GlobalPosition } from '../positions.js';

/**
 * How KurrentDB's two-part `$all` position maps to our one 64-bit `GlobalPosition`.
 *
 * KurrentDB orders `$all` by `(commit, prepare)`, both byte offsets in its transaction log. Every
 * append over gRPC (one stream, or a 25.1+ multi-stream append) writes its events as
 * self-committed prepare records, and for those the server reports `commit = prepare = the
 * record's own log position` (AllReader: `new CommitEventRecord(eventRecord, prepare.LogPosition)`).
 * So each event's position is one number, unique, and strictly increasing in `$all` order: we use
 * it as is (`GlobalPosition = prepare`). It is not dense (it grows by each record's size), which
 * the port allows ("ordered, not necessarily dense").
 *
 * Only explicit transactions of the legacy TCP API (gone from the server since 24.x) wrote a
 * separate commit record: their events share the commit position and their prepares may
 * interleave with other writes, so no single number orders them. Such an event shows as
 * `commit !== prepare` and is refused loudly (`UnmappablePositionError`) rather than risk a
 * subscriber skipping or repeating an event.
 */

/** A `$all` position that no 64-bit position can stand for in order (see above). */
export class UnmappablePositionError extends Error {
  override readonly name = 'UnmappablePositionError';
  readonly code = 'unmappable_position';
  constructor(
    readonly commit: bigint,
    readonly prepare: bigint,
  ) {
    super(
      `KurrentDB position commit ${commit} / prepare ${prepare}: an event of an explicit (legacy TCP) transaction; erpcore maps only self-committed appends (commit = prepare)`,
    );
  }
}

const maxPosition = 2n ** 63n - 1n;

/** Our position of an event read from `$all` or a stream. */
export const toGlobalPosition = (position: Position): GlobalPosition => {
  const commit = BigInt(position.commit);
  const prepare = BigInt(position.prepare);
  if (commit !== prepare || prepare < 0n || prepare > maxPosition)
    throw new UnmappablePositionError(commit, prepare);
  return prepare;
};

/**
 * Where to start reading `$all` (or a catch-up subscription) to see every event strictly after
 * `after`. The server starts scanning at byte `commit` and includes the record there (forwards
 * reads are inclusive, subscriptions exclusive), so the caller drops what `isAfter` refuses: the
 * same code is right whichever way the server treats the boundary. `0n` ("from the start"; no
 * event sits at byte 0, where the log's first epoch record is) reads from the beginning.
 */
export const toReadPosition = (after: GlobalPosition): ReadPosition =>
  after <= 0n ? START : { commit: after, prepare: after };

/** Whether an event at `position` belongs to a read that starts strictly after `after`. */
export const isAfter = (position: GlobalPosition, after: GlobalPosition): boolean =>
  after <= 0n ? true : position > after;
