import type { DomainEvent } from '@erpcore/domain';
import type { EventDecoder } from '@erpcore/eventstore';
import { streamKinds, type StreamKind } from '../stream-kinds.js';
import {
  chartStateJson,
  customerStateJson,
  journalStateJson,
  orderStateJson,
  plainStateJson,
  stockStateJson,
  transferStateJson,
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

/** Every kind of stream (see streamKinds), each with the JSON face of its state. */
export const auditStreamModels: readonly AuditStreamModel[] = [
  model(streamKinds.warehouse, plainStateJson),
  model(streamKinds.product, plainStateJson),
  model(streamKinds.stock, stockStateJson),
  model(streamKinds.transfer, transferStateJson),
  model(streamKinds.chart, chartStateJson),
  model(streamKinds.journal, journalStateJson),
  model(streamKinds.customer, customerStateJson),
  model(streamKinds.order, orderStateJson),
  model(streamKinds.supplier, supplierStateJson),
  model(streamKinds.purchaseOrder, purchaseOrderStateJson),
  model(streamKinds.settings, plainStateJson),
];

/** The model of a stream id, or undefined for a kind no context writes. */
export const auditModelFor = (streamId: string): AuditStreamModel | undefined =>
  auditStreamModels.find((m) => streamId.startsWith(m.prefix));
