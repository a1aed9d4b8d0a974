import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { asId, dayOf, IdC, type CalendarDate, type Id } from '@erpcore/domain';
import { idempotentIds, uuidFrom } from '../http/idempotency.js';

/**
 * Outside the derived event ids (every attempt draws them from 0 upwards): the movement id an
 * `Idempotency-Key` retry derives again, so it names the same journal entry and answers the same
 * `journalEntryId`.
 */
const movementIdSlot = -1;

/**
 * The id and date of a movement posted from the inventory routes: the client's, or one derived
 * from its `Idempotency-Key` (a retry gets the same), or a fresh one; the date defaults to today
 * (UTC) on the server's clock.
 */
export const postedMovementOf = (
  request: FastifyRequest,
  body: { readonly id?: Id; readonly date?: CalendarDate },
): { readonly movementId: Id; readonly date: CalendarDate } => {
  const generated = idempotentIds(request)?.idAt(movementIdSlot) ?? request.server.erp.newId();
  // An id generator of an embedder's own may give any text: hashed into a UUID, it is an id.
  const fallback = uuidFrom(createHash('sha256').update(generated).digest());
  const movementId = body.id ?? (IdC.is(generated) ? generated : asId<Id>(fallback));
  return { movementId, date: body.date ?? dayOf(request.server.erp.now().toISOString()) };
};
