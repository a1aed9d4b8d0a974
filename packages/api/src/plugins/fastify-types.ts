import type { ErpServices } from '../app-deps.js';
import type { Role } from '../config/env-codecs.js';
import type { StatementTally } from '../sql/statement-counter.js';
import type { ReadLease } from './statement-count.plugin.js';

/**
 * Who may call a route. `query`/`command` are inferred from the method (GET/HEAD are queries);
 * routes override it with `config: { access }`.
 */
export type Access = 'public' | 'query' | 'command' | 'audit' | 'admin';

/** The caller: the key's name and role (`anonymous`/admin when auth is off). */
export interface Principal {
  readonly name: string;
  readonly role: Role;
}

declare module 'fastify' {
  interface FastifyInstance {
    erp: ErpServices;
  }
  interface FastifyRequest {
    principal: Principal;
    statementTally: StatementTally | null;
    /** The read database `readDbOf` lent this request, until its answer is sent. */
    readLease: ReadLease | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /**
     * The handler reaches the database only through `readDbOf(request)`, which counts its
     * statements: it runs without an AsyncLocalStorage scope (statement-count.plugin.ts).
     */
    readDbOnly?: boolean;
  }
}
