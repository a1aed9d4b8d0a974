import type { FastifyReply } from 'fastify';

/** What every command answers (API.md): ids, revision and position as decimal strings, plus extras. */
export interface CommandAnswer {
  readonly id: string;
  readonly revision: bigint;
  readonly position: bigint;
}

/** Sends `{ id, revision, position, ...extras }` with 201 when the command created something, else 200. */
export const sendCommandAnswer = (
  reply: FastifyReply,
  outcome: CommandAnswer,
  options: { readonly created?: boolean; readonly extras?: Readonly<Record<string, unknown>> } = {},
): FastifyReply =>
  reply.status(options.created === true ? 201 : 200).send({
    id: outcome.id,
    revision: outcome.revision.toString(),
    position: outcome.position.toString(),
    ...options.extras,
  });
