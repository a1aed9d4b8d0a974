import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLeft } from 'fp-ts/lib/Either.js';
import { execute, type RoleKinds, type UseCase } from '@erpcore/application';
import { commandContext } from './command-context.js';
import { sendCommandAnswer } from './command-response.js';
import { DomainRefusal } from './domain-refusal.js';
import { idempotencyKeyReused, idempotentIds } from './idempotency.js';

/**
 * A route's "execute → answer": runs the use case with the request's actor, correlation and
 * `Idempotency-Key`, answers `{ id, revision, position, ...extras }` (201 when `created`), a
 * refusal through the error handler, a reused key as 422.
 */
export const executeRoute = async <C, R extends RoleKinds>(
  request: FastifyRequest,
  reply: FastifyReply,
  useCase: UseCase<C, R>,
  command: C,
  options: { readonly created?: boolean } = {},
): Promise<FastifyReply> => {
  const { actor, correlationId, now } = commandContext(request);
  const idempotency = idempotentIds(request);
  const outcome = await execute(request.server.erp.store, useCase, command, {
    context: { actor, correlationId, causationId: null, now, newEventId: request.server.erp.newId },
    ...(idempotency === undefined ? {} : { idempotency }),
  });
  if (isLeft(outcome)) {
    if (outcome.left.code === 'idempotency_key_reused') throw idempotencyKeyReused();
    throw new DomainRefusal(outcome.left);
  }
  const answer = outcome.right;
  return sendCommandAnswer(reply, answer, {
    created: options.created ?? false,
    extras: answer.extras ?? {},
  });
};
