import { contexts, type StreamKind as ModuleKind } from '@erpcore/application';
import type { DomainEvent } from '@erpcore/domain';
import type { EventDecoder } from '@erpcore/eventstore';
import { streamKinds, type StreamKind } from '../stream-kinds.js';
import {
  chartStateJson,
  customerStateJson,
  journalStateJson,
  orderStateJson,
} from './state-json.js';
import { purchaseOrderStateJson, supplierStateJson } from '../purchasing/erp-state-json.js';

/** What replaying one kind of stream needs: its events' codec, its decider's fold, a JSON face. */
export interface AuditStreamModel {
  /** Stream ids of this kind start with it (`order-`). */
  readonly prefix: string;
  readonly codec: EventDecoder<DomainEvent>;
  readonly initialState: unknown;
  evolve(state: unknown, event: DomainEvent): unknown;
  toJson(state: unknown): unknown;
}

const model = <E extends DomainEvent, S>(
  kind: StreamKind<E, S>,
  toJson: (s: S) => unknown,
): AuditStreamModel => ({
  prefix: kind.prefix,
  codec: kind.codec,
  initialState: kind.decider.initialState,
  // The codec decoded the event for this very model, so the casts only restore what it proved.
  evolve: (s, e) => kind.decider.evolve(s as S, e as E),
  toJson: (s) => toJson(s as S),
});

/** A kind a context module declares: its model folds, its `stateJson` is the JSON face. */
const fromModule = (kind: ModuleKind<DomainEvent, unknown>): AuditStreamModel => ({
  prefix: kind.prefix,
  codec: kind.model.codec,
  initialState: kind.model.initialState,
  evolve: (s, e) => kind.model.evolve(s, e),
  toJson: (s) => kind.stateJson(s),
});

const declared = contexts.flatMap((c) => Object.values(c.streamKinds).map(fromModule));

/**
 * Every kind of stream, each with the JSON face of its state: the context modules' kinds, then
 * those of contexts without a module yet (left out once a module declares their prefix).
 */
export const auditStreamModels: readonly AuditStreamModel[] = [
  ...declared,
  ...[
    model(streamKinds.chart, chartStateJson),
    model(streamKinds.journal, journalStateJson),
    model(streamKinds.customer, customerStateJson),
    model(streamKinds.order, orderStateJson),
    model(streamKinds.supplier, supplierStateJson),
    model(streamKinds.purchaseOrder, purchaseOrderStateJson),
    model(streamKinds.settings, (s) => s),
  ].filter((m) => !declared.some((d) => d.prefix === m.prefix)),
];

/** The model of a stream id, or undefined for a kind no context writes. */
export const auditModelFor = (streamId: string): AuditStreamModel | undefined =>
  auditStreamModels.find((m) => streamId.startsWith(m.prefix));
