import { UnsupportedError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { WrongExpectedRevisionError, type ExpectedRevision } from '../event-store.js';
import { fromCurrentState, fromStreamState } from './kurrentdb-revision.js';

/**
 * `appendMulti` over several streams needs the server's atomic multi-stream append (KurrentDB
 * 25.1+). On an older server it is refused, never emulated: appending stream by stream would let
 * a failure in the middle leave some streams written and others not.
 */
export class MultiStreamAppendUnsupportedError extends Error {
  override readonly name = 'MultiStreamAppendUnsupportedError';
  readonly code = 'multi_stream_append_unsupported';
  constructor(readonly streams: readonly string[]) {
    super(
      `appendMulti over ${streams.length} streams needs KurrentDB 25.1 or later (atomic multi-stream append); this server does not offer it, and appending stream by stream would not be atomic`,
    );
  }
}

/**
 * The client's errors as the port's: a wrong expected version (v1 append or v2 multi-stream
 * append alike) becomes `WrongExpectedRevisionError`, reporting the expected revision the caller
 * gave (the server echoes it in its own encoding) and the stream's actual revision. Anything
 * else passes through unchanged.
 */
export const toPortError = (
  error: unknown,
  expected: ReadonlyMap<string, ExpectedRevision>,
): unknown => {
  if (error instanceof WrongExpectedVersionError) {
    const streamId = error.streamName;
    return new WrongExpectedRevisionError(
      streamId,
      expected.get(streamId) ?? fromStreamState(error.expectedState),
      fromCurrentState(error.actualState),
    );
  }
  if (error instanceof UnsupportedError && error.feature === 'multiStreamAppend')
    return new MultiStreamAppendUnsupportedError([...expected.keys()]);
  return error;
};
