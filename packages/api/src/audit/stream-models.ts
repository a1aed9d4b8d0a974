import { contexts, type StreamKind } from '@erpcore/application';
import type { DomainEvent } from '@erpcore/domain';
import type { EventDecoder } from '@erpcore/eventstore';

/** What replaying one kind of stream needs: its events' codec, its decider's fold, a JSON face. */
export interface AuditStreamModel {
  /** Stream ids of this kind start with it (`order-`). */
  readonly prefix: string;
  readonly codec: EventDecoder<DomainEvent>;
  readonly initialState: unknown;
  evolve(state: unknown, event: DomainEvent): unknown;
  toJson(state: unknown): unknown;
}

/** A kind a context module declares: its model folds, its `stateJson` is the JSON face. */
const fromModule = (kind: StreamKind<DomainEvent, unknown>): AuditStreamModel => ({
  prefix: kind.prefix,
  codec: kind.model.codec,
  initialState: kind.model.initialState,
  evolve: (s, e) => kind.model.evolve(s, e),
  toJson: (s) => kind.stateJson(s),
});

/** Every kind of stream the contexts write, each with the JSON face of its state. */
export const auditStreamModels: readonly AuditStreamModel[] = contexts.flatMap((c) =>
  Object.values(c.streamKinds).map(fromModule),
);

/** The model of a stream id, or undefined for a kind no context writes. */
export const auditModelFor = (streamId: string): AuditStreamModel | undefined =>
  auditStreamModels.find((m) => streamId.startsWith(m.prefix));
