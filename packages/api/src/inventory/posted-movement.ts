import type { FastifyRequest } from 'fastify';
import { dayOf, IdC, type CalendarDate, type Id } from '@erpcore/domain';
import { idempotentIds } from '../http/idempotency.js';

/**
 * Beyond every derived event id (0…63 of the sequence): the movement id an `Idempotency-Key`
 * retry derives again, so it names the same journal entry and answers the same `journalEntryId`.
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
  const movementId = body.id ?? (IdC.is(generated) ? generated : undefined);
  if (movementId === undefined) throw new TypeError(`generated id ${generated} is not an id`);
  return { movementId, date: body.date ?? dayOf(request.server.erp.now().toISOString()) };
};
