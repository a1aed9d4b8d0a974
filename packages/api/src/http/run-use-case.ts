import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLeft } from 'fp-ts/lib/Either.js';
import { execute, type RoleKinds, type UseCase } from '@erpcore/application';
import { commandContext } from './command-context.js';
import { sendCommandAnswer } from './command-response.js';
import { DomainRefusal } from './domain-refusal.js';
import { idempotencyKeyReused, idempotentIds } from './idempotency.js';

/**
 * A use case over HTTP: runs it through the application executor with the request's context
 * (actor, correlation, clock) and `Idempotency-Key` ids, answers `{id, revision, position, …}`
 * (201 when it creates), a refusal through the error handler, a reused key 422.
 */
export const runUseCase = async <C, R extends RoleKinds>(
  request: FastifyRequest,
  reply: FastifyReply,
  useCase: UseCase<C, R>,
  command: C,
  options: { readonly created?: boolean } = {},
): Promise<FastifyReply> => {
  // The executor does its own idempotency lookup: the old runners' guard is left out.
  const { requestHash: _hash, beforeAppend: _guard, ...context } = commandContext(request);
  const ids = idempotentIds(request);
  const result = await execute(request.server.erp.store, useCase, command, {
    context,
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
