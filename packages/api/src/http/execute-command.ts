import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLeft } from 'fp-ts/lib/Either.js';
import { execute, type RoleKinds, type UseCase } from '@erpcore/application';
import { commandContext } from './command-context.js';
import { sendCommandAnswer } from './command-response.js';
import { DomainRefusal } from './domain-refusal.js';
import { idempotencyKeyReused, idempotentIds } from './idempotency.js';

/**
 * The HTTP face of `execute`, the one executor: the request's who/when/correlation and its
 * `Idempotency-Key` in; the use case's answer out as `{ id, revision, position, ...extras }`
 * (201 when `created`, also for an identical retry, which answers as the first did); a refusal
 * to the error handler. Routes are decode → executeCommand.
 */
export const executeCommand = async <C, R extends RoleKinds>(
  request: FastifyRequest,
  reply: FastifyReply,
  useCase: UseCase<C, R>,
  command: C,
  options: { readonly created?: boolean } = {},
): Promise<FastifyReply> => {
  const ids = idempotentIds(request);
  const result = await execute(request.server.erp.store, useCase, command, {
    context: { ...commandContext(request), newEventId: request.server.erp.newId },
    ...(ids === undefined ? {} : { idempotency: ids }),
  });
  if (isLeft(result)) {
    if (result.left.code === 'idempotency_key_reused') throw idempotencyKeyReused();
    throw new DomainRefusal(result.left);
  }
  const { id, revision, position, extras } = result.right;
  return sendCommandAnswer(
    reply,
    { id, revision, position },
    { created: options.created ?? false, extras: extras ?? {} },
  );
};
