import type { FastifyRequest } from 'fastify';

const correlationPattern = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Who, when and which correlation a command of this request runs under. */
export interface RequestContext {
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: null;
  readonly now: Date;
}

/**
 * The infrastructure side of a command: who, when and which correlation (`X-Correlation-Id` when
 * it is well formed, else the request id). Event ids come from `Idempotency-Key` in
 * `executeCommand`.
 */
export const commandContext = (request: FastifyRequest): RequestContext => {
  const header = request.headers['x-correlation-id'];
  return {
    actor: request.principal.name,
    correlationId:
      typeof header === 'string' && correlationPattern.test(header) ? header : request.id,
    causationId: null,
    now: request.server.erp.now(),
  };
};
