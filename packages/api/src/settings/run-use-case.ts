import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLeft } from 'fp-ts/lib/Either.js';
import { execute, type RoleKinds, type UseCase } from '@erpcore/application';
import { commandContext } from '../http/command-context.js';
import { sendCommandAnswer } from '../http/command-response.js';
import { DomainRefusal } from '../http/domain-refusal.js';
import { idempotencyKeyReused, idempotentIds } from '../http/idempotency.js';

/**
 * The HTTP side of a use case: who and when from the request, idempotency from its
 * `Idempotency-Key`, then the one executor; a refusal goes to the error handler, an answer is
 * sent as every command's (`{ id, revision, position, ...extras }`).
 */
export const runUseCase = async <C, R extends RoleKinds>(
  request: FastifyRequest,
  reply: FastifyReply,
  useCase: UseCase<C, R>,
  command: C,
): Promise<FastifyReply> => {
  const { actor, correlationId, causationId, now, newEventId } = commandContext(request);
  const idempotency = idempotentIds(request);
  const result = await execute(request.server.erp.store, useCase, command, {
    context: { actor, correlationId, causationId: causationId ?? null, now, newEventId },
    ...(idempotency === undefined ? {} : { idempotency }),
  });
  if (isLeft(result)) {
    if (result.left.code === 'idempotency_key_reused') throw idempotencyKeyReused();
    throw new DomainRefusal(result.left);
  }
  const { id, revision, position, extras } = result.right;
  return sendCommandAnswer(reply, { id, revision, position }, { extras: extras ?? {} });
};
