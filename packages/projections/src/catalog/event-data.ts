import * as t from 'io-ts';
import { isRight } from 'fp-ts/lib/Either.js';
import type { StoredEvent } from '@erpcore/eventstore';

/** Stored (encoded) data of `WarehouseCreated`. */
export const WarehouseCreatedDataC = t.type({
  id: t.string,
  name: t.string,
  branchId: t.union([t.string, t.null]),
});
/** Stored (encoded) data of `ProductCreated`. */
export const ProductCreatedDataC = t.type({ id: t.string, name: t.string, unit: t.string });

/**
 * Decodes a stored event's data at the edge of a handler. A shape that does not decode throws,
 * which makes the event a poison event: loud, never skipped.
 */
export const decodeData = <A>(codec: t.Decoder<unknown, A>, event: StoredEvent): A => {
  const result = codec.decode(event.data);
  if (isRight(result)) return result.right;
  throw new Error(
    `${event.type} at position ${event.position}: data does not decode as ${codec.name}`,
  );
};
