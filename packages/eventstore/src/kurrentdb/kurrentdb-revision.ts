import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type AppendStreamState,
  type CurrentStreamState,
} from '@kurrent/kurrentdb-client';
import type { ExpectedRevision, StreamRevision } from '../event-store.js';

/**
 * Our expected revision as the client's stream state. The client's constants happen to be the
 * same strings as ours today; they are matched explicitly so a renamed constant breaks here, at
 * compile time, not on the wire. A negative number can never match a stream (revisions start at
 * 0), and the server reads a negative revision as one of its sentinels (-1 no stream, -2 any,
 * -4 stream exists), so it is never sent: `undefined` tells the caller to refuse it itself.
 */
export const toStreamState = (expected: ExpectedRevision): AppendStreamState | undefined => {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected < 0n ? undefined : expected;
  }
};

/** Our expected revision back from the client's form (as a wrong-expected-version error has it). */
export const fromStreamState = (state: AppendStreamState): ExpectedRevision => {
  switch (state) {
    case ANY:
      return 'any';
    case NO_STREAM:
      return 'no_stream';
    case STREAM_EXISTS:
      return 'stream_exists';
    default:
      return BigInt(state);
  }
};

/**
 * A stream's actual state as our error reports it: its revision, or `'no_stream'`. The v2
 * protocol reports a deleted stream as -5 and a tombstoned one as -6; erpcore never deletes
 * streams, and either reads as absent.
 */
export const fromCurrentState = (state: CurrentStreamState): StreamRevision | 'no_stream' => {
  if (state === NO_STREAM) return 'no_stream';
  const revision = BigInt(state);
  return revision < 0n ? 'no_stream' : revision;
};
