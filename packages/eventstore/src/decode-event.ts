import type * as t from 'io-ts';
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import type { DomainEvent } from '@erpcore/domain';
import { EventDecodeError, type StoredEvent } from './event-store.js';

/** Encodes a context's domain events to their stored `{ type, data }` form and decodes them back. */
export type EventCodec<E> = t.Type<E, { readonly type: string; readonly data: unknown }, unknown>;

const safeJson = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

/** The first failing paths of an io-ts decode, readable. */
export const describeErrors = (errors: t.Errors): string =>
  errors
    .slice(0, 3)
    .map((e) => {
      const path = e.context
        .map((c) => c.key)
        .filter((k) => k !== '')
        .join('.');
      const expected = e.context[e.context.length - 1]?.type.name ?? 'a valid value';
      return `${path === '' ? '(root)' : path}: expected ${expected}, got ${safeJson(e.value)}`;
    })
    .join('; ');

/** Anything that decodes `{ type, data }` into a domain event (an io-ts codec does). */
export interface EventDecoder<E> {
  decode(input: unknown): Either<t.Errors, E>;
}

/** Decodes one stored event with its codec, or throws EventDecodeError naming stream, revision and type. */
export const decodeEvent = <E extends DomainEvent>(
  codec: EventDecoder<E>,
  stored: StoredEvent,
): E => {
  const decoded = codec.decode({ type: stored.type, data: stored.data });
  if (isLeft(decoded))
    throw new EventDecodeError(
      stored.streamId,
      stored.revision,
      stored.type,
      describeErrors(decoded.left),
    );
  return decoded.right;
};

/** Decodes every stored event; the first that fails throws. */
export const decodeEvents = <E extends DomainEvent>(
  codec: EventDecoder<E>,
  stored: readonly StoredEvent[],
): E[] => stored.map((event) => decodeEvent(codec, event));
