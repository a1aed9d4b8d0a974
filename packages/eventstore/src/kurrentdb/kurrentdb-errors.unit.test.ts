import { UnsupportedError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { describe, expect, it } from 'vitest';
import { WrongExpectedRevisionError } from '../event-store.js';
import { MultiStreamAppendUnsupportedError, toPortError } from './kurrentdb-errors.js';

const clientConflict = (
  streamName: string,
  expected: ConstructorParameters<typeof WrongExpectedVersionError>[1],
): WrongExpectedVersionError =>
  new WrongExpectedVersionError(undefined, { ...expected, streamName });

describe("the client's errors as the port's", () => {
  it("a wrong expected version becomes WrongExpectedRevisionError with the caller's expected", () => {
    const error = toPortError(
      clientConflict('s', { streamName: 's', expected: 5n, current: 0n }),
      new Map([['s', 5n]]),
    );
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamId: 's', expected: 5n, actual: 0n });
  });

  it('an absent stream is reported as no_stream; the caller form wins over the echoed one', () => {
    const error = toPortError(
      // The v1 protocol echoes 'stream_exists' as a number; our own expected is what we report.
      clientConflict('t', { streamName: 't', expected: -4n, current: 'no_stream' }),
      new Map([['t', 'stream_exists']]),
    );
    expect(error).toMatchObject({ streamId: 't', expected: 'stream_exists', actual: 'no_stream' });
  });

  it('in a multi-stream append, the error names the stream that conflicted', () => {
    const error = toPortError(
      clientConflict('y', { streamName: 'y', expected: 'no_stream', current: 3n }),
      new Map<string, bigint | 'no_stream'>([
        ['x', 2n],
        ['y', 'no_stream'],
      ]),
    );
    expect(error).toMatchObject({ streamId: 'y', expected: 'no_stream', actual: 3n });
  });

  it("falls back to the server's expected for a stream the call did not name", () => {
    const error = toPortError(
      clientConflict('z', { streamName: 'z', expected: 'any', current: 1n }),
      new Map(),
    );
    expect(error).toMatchObject({ streamId: 'z', expected: 'any', actual: 1n });
  });

  it('an old server without multi-stream append: a typed refusal, not an emulation', () => {
    const error = toPortError(
      new UnsupportedError('multiStreamAppend', '25.1'),
      new Map([
        ['a', 'any'],
        ['b', 'any'],
      ]),
    );
    expect(error).toBeInstanceOf(MultiStreamAppendUnsupportedError);
    expect(error).toMatchObject({ code: 'multi_stream_append_unsupported', streams: ['a', 'b'] });
  });

  it('anything else passes through unchanged', () => {
    const other = new Error('unavailable');
    expect(toPortError(other, new Map())).toBe(other);
  });
});
