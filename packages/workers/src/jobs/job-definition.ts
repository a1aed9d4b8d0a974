import * as t from 'io-ts';
import { UnrecoverableError } from 'bullmq';
import type { EngineLogger } from '@erpcore/projections';
import { describePayloadErrors } from './payload-errors.js';

/** How a job is retried: declared once per job, applied as job options by every runner. */
export interface RetryPolicy {
  /** Total attempts, the first included (3 retries = 4 attempts). */
  readonly attempts: number;
  /** Exponential backoff: attempt n waits up to `delayMs · 2^(n-1)` before the next one. */
  readonly backoff: { readonly delayMs: number; readonly jitter: number };
  /** Longest one attempt may run; past it the attempt fails (and is retried like any failure). */
  readonly timeoutMs: number;
}

/** What a handler gets besides its payload. */
export interface JobContext {
  readonly jobId: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Aborted when the attempt times out or the runner shuts down: pass it to fetch and friends. */
  readonly signal: AbortSignal;
  readonly logger: EngineLogger;
}

/**
 * A job as a runner sees it: a name, its policy, and `run`, which decodes the raw payload and
 * calls the handler. Runners hold these, so they need not know any payload type.
 */
export interface RunnableJob {
  readonly name: string;
  readonly policy: RetryPolicy;
  run(data: unknown, context: JobContext): Promise<void>;
}

/** A job with its payload type, for producers: `encode` turns a payload into what is stored. */
export interface JobDefinition<P> extends RunnableJob {
  encode(payload: P): unknown;
}

/** What `defineJob` is given. */
export interface JobSpec<P> {
  readonly name: string;
  readonly payload: t.Type<P, unknown, unknown>;
  readonly policy: RetryPolicy;
  readonly handle: (payload: P, context: JobContext) => Promise<void>;
}

/**
 * Defines a job. Its payload is decoded at the boundary (`run`); a payload that does not decode
 * fails at once with an UnrecoverableError, because no retry can make it decode.
 */
export const defineJob = <P>(spec: JobSpec<P>): JobDefinition<P> => {
  const { attempts, backoff, timeoutMs } = spec.policy;
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new RangeError(`job ${spec.name}: attempts must be an integer ≥ 1`);
  if (backoff.delayMs < 0 || backoff.jitter < 0 || backoff.jitter > 1)
    throw new RangeError(`job ${spec.name}: backoff needs delayMs ≥ 0 and jitter in [0, 1]`);
  if (!(timeoutMs > 0)) throw new RangeError(`job ${spec.name}: timeoutMs must be > 0`);
  return {
    name: spec.name,
    policy: spec.policy,
    encode: (payload) => spec.payload.encode(payload),
    run: async (data, context) => {
      const decoded = spec.payload.decode(data);
      if (decoded._tag === 'Left')
        throw new UnrecoverableError(
          `invalid ${spec.name} payload: ${describePayloadErrors(decoded.left)}`,
        );
      await spec.handle(decoded.right, context);
    },
  };
};
