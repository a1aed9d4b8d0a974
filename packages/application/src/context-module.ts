import type { DomainEvent } from '@erpcore/domain';
import type { StreamModel } from '@erpcore/eventstore';
import type { ProjectionDefinition } from '@erpcore/projections';

/**
 * One kind of stream a context writes: the prefix of its ids, the model commands load it by
 * (fold, last event, snapshot) and the JSON face of its state (the audit's replay shows it).
 */
export interface StreamKind<E extends DomainEvent, S> {
  /** Stream ids of this kind start with it (`stock-`); no prefix is a prefix of another. */
  readonly prefix: string;
  readonly model: StreamModel<E, S>;
  stateJson(state: S): unknown;
}

/** Infers E and S from the literal, so each kind keeps its own event and state types. */
export const streamKind = <E extends DomainEvent, S>(k: StreamKind<E, S>): StreamKind<E, S> => k;

/**
 * A bounded context as the rest of the system sees it: its stream kinds, its use cases and its
 * projections. The registries (the CLI's projections, the API's stream kinds, the audit's models)
 * read these from `contexts.ts`, so adding a context is one module and one line there.
 */
export type StreamKinds = Readonly<Record<string, StreamKind<DomainEvent, unknown>>>;

export interface ContextModule<U = unknown, K extends StreamKinds = StreamKinds> {
  readonly name: string;
  readonly streamKinds: K;
  /** Its use cases, or a function of the client when they share that client's state (the chart's snapshots). */
  readonly useCases: U;
  readonly projections: readonly ProjectionDefinition[];
}

/** Keeps the use cases' and kinds' own types (`inventoryModule.useCases.transferStock`). */
export const contextModule = <U, K extends StreamKinds>(
  m: ContextModule<U, K>,
): ContextModule<U, K> => m;
