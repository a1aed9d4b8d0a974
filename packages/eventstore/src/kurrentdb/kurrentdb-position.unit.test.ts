import fc from 'fast-check';
import { START } from '@kurrent/kurrentdb-client';
import { describe, expect, it } from 'vitest';
import {
  isAfter,
  toGlobalPosition,
  toReadPosition,
  UnmappablePositionError,
} from './kurrentdb-position.js';

const logPosition = fc.bigInt({ min: 1n, max: 2n ** 63n - 1n });

/** `$all` order: by commit, then by prepare. */
const allOrder = (
  a: { commit: bigint; prepare: bigint },
  b: { commit: bigint; prepare: bigint },
) => (a.commit === b.commit ? a.prepare - b.prepare : a.commit - b.commit);

describe('KurrentDB position ↔ GlobalPosition', () => {
  it('a self-committed event (commit = prepare) maps to that one number', () => {
    fc.assert(
      fc.property(logPosition, (p) => {
        expect(toGlobalPosition({ commit: p, prepare: p })).toBe(p);
      }),
    );
  });

  it('keeps $all order: positions sorted as the server sorts them map to increasing numbers', () => {
    fc.assert(
      fc.property(fc.uniqueArray(logPosition, { minLength: 2, maxLength: 50 }), (offsets) => {
        const positions = offsets.map((p) => ({ commit: p, prepare: p }));
        positions.sort((a, b) => {
          const d = allOrder(a, b);
          return d < 0n ? -1 : d > 0n ? 1 : 0;
        });
        const ours = positions.map(toGlobalPosition);
        for (let i = 1; i < ours.length; i++) expect(ours[i]! > ours[i - 1]!).toBe(true);
      }),
    );
  });

  it('round trip: reading from our position starts at that very record', () => {
    fc.assert(
      fc.property(logPosition, (p) => {
        const read = toReadPosition(p);
        expect(read).toEqual({ commit: p, prepare: p });
        if (read !== 'start' && read !== 'end') expect(toGlobalPosition(read)).toBe(p);
      }),
    );
  });

  it('resumption: of events read from a position, exactly those strictly after it are kept', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(logPosition, { minLength: 1, maxLength: 40 }),
        fc.nat(),
        (offsets, pick) => {
          const log = [...offsets].sort((a, b) => (a < b ? -1 : 1));
          const resumeAt = log[pick % log.length]!;
          // The server may or may not include the record at the read position: both are right.
          for (const served of [log.filter((p) => p >= resumeAt), log.filter((p) => p > resumeAt)])
            expect(served.filter((p) => isAfter(p, resumeAt))).toEqual(
              log.filter((p) => p > resumeAt),
            );
        },
      ),
    );
  });

  it('0n reads from the start and keeps everything', () => {
    expect(toReadPosition(0n)).toBe(START);
    expect(isAfter(1n, 0n)).toBe(true);
  });

  it('refuses an event of an explicit transaction (commit ≠ prepare): no 64-bit order exists', () => {
    const error = (() => {
      try {
        toGlobalPosition({ commit: 900n, prepare: 400n });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UnmappablePositionError);
    expect(error).toMatchObject({ code: 'unmappable_position', commit: 900n, prepare: 400n });
    expect(() => toGlobalPosition({ commit: -1n, prepare: -1n })).toThrow(UnmappablePositionError);
  });
});
