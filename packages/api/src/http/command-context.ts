import type { FastifyRequest } from 'fastify';
import type { CommandContext } from '@erpcore/eventstore';
import { idempotentIds, priorAttemptGuard } from './idempotency.js';

const correlationPattern = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * The infrastructure side of a command: who, when, which correlation, and event ids (derived from
 * `Idempotency-Key` when the request carries one, so retries are recognisable).
 */
export const commandContext = (request: FastifyRequest): CommandContext => {
  const { now, newId } = request.server.erp;
  const header = request.headers['x-correlation-id'];
  const correlationId =
    typeof header === 'string' && correlationPattern.test(header) ? header : request.id;
  const ids = idempotentIds(request);
  let n = 0;
  return {
    actor: request.principal.name,
    correlationId,
    causationId: null,
    now: now(),
    newEventId: ids === undefined ? newId : () => ids.idAt(n++),
    ...(ids === undefined
      ? {}
      : { requestHash: ids.requestHash, beforeAppend: priorAttemptGuard(request) }),
  };
};
