import fc from 'fast-check';
import { ANY, NO_STREAM, STREAM_EXISTS } from '@kurrent/kurrentdb-client';
import { describe, expect, it } from 'vitest';
import { fromCurrentState, fromStreamState, toStreamState } from './kurrentdb-revision.js';

describe('expected revision ↔ KurrentDB stream state', () => {
  it('maps the three named forms to the client constants and back', () => {
    expect(toStreamState('any')).toBe(ANY);
    expect(toStreamState('no_stream')).toBe(NO_STREAM);
    expect(toStreamState('stream_exists')).toBe(STREAM_EXISTS);
    expect(fromStreamState(ANY)).toBe('any');
    expect(fromStreamState(NO_STREAM)).toBe('no_stream');
    expect(fromStreamState(STREAM_EXISTS)).toBe('stream_exists');
  });

  it('a revision ≥ 0 is sent as the same bigint and comes back unchanged', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }), (r) => {
        expect(toStreamState(r)).toBe(r);
        expect(fromStreamState(r)).toBe(r);
      }),
    );
  });

  it('a negative revision is never sent (the server reads -1, -2, -4 as sentinels)', () => {
    for (const r of [-1n, -2n, -4n, -100n]) expect(toStreamState(r)).toBeUndefined();
  });

  it("the stream's actual state: a revision, or no_stream (also for deleted -5 / tombstoned -6)", () => {
    expect(fromCurrentState(NO_STREAM)).toBe('no_stream');
    expect(fromCurrentState(0n)).toBe(0n);
    expect(fromCurrentState(41n)).toBe(41n);
    expect(fromCurrentState(-5n)).toBe('no_stream');
    expect(fromCurrentState(-6n)).toBe('no_stream');
  });
});
