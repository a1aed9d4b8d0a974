import {
  chartDecider,
  chartEventC,
  customerDecider,
  customerEventC,
  journalDecider,
  journalEventC,
  orderDecider,
  orderEventC,
  productDecider,
  productEventC,
  stockDecider,
  stockEventC,
  transferDecider,
  transferEventC,
  warehouseDecider,
  warehouseEventC,
  type DomainEvent,
} from '@erpcore/domain';
import type { EventDecoder } from '@erpcore/eventstore';
import {
  chartStateJson,
  customerStateJson,
  journalStateJson,
  orderStateJson,
  plainStateJson,
  stockStateJson,
  transferStateJson,
} from './state-json.js';

/** What replaying one kind of stream needs: its events' codec, its decider's fold, a JSON face. */
export interface AuditStreamModel {
  /** Stream ids of this kind start with it (`order-`). */
  readonly prefix: string;
  readonly codec: EventDecoder<DomainEvent>;
  readonly initialState: unknown;
  evolve(state: unknown, event: DomainEvent): unknown;
  toJson(state: unknown): unknown;
}

const model = <E extends DomainEvent, S>(m: {
  readonly prefix: string;
  readonly decider: { readonly initialState: S; readonly evolve: (s: S, e: E) => S };
  readonly codec: EventDecoder<E>;
  readonly toJson: (s: S) => unknown;
}): AuditStreamModel => ({
  prefix: m.prefix,
  codec: m.codec as EventDecoder<DomainEvent>,
  initialState: m.decider.initialState,
  // The codec decoded the event for this very model, so the casts only restore what it proved.
  evolve: (s, e) => m.decider.evolve(s as S, e as E),
  toJson: (s) => m.toJson(s as S),
});

/**
 * Every kind of stream the contexts write (API.md's stream ids, plus `transfer-<id>`), mapped to
 * the decider that owns it. Payments write no stream of their own: a payment is a customer event
 * plus the journal entry `journal-payment-<id>`. No prefix is a prefix of another.
 */
export const auditStreamModels: readonly AuditStreamModel[] = [
  model({
    prefix: 'warehouse-',
    decider: warehouseDecider,
    codec: warehouseEventC,
    toJson: plainStateJson,
  }),
  model({
    prefix: 'product-',
    decider: productDecider,
    codec: productEventC,
    toJson: plainStateJson,
  }),
  model({ prefix: 'stock-', decider: stockDecider, codec: stockEventC, toJson: stockStateJson }),
  model({
    prefix: 'transfer-',
    decider: transferDecider,
    codec: transferEventC,
    toJson: transferStateJson,
  }),
  model({ prefix: 'chart-', decider: chartDecider, codec: chartEventC, toJson: chartStateJson }),
  model({
    prefix: 'journal-',
    decider: journalDecider,
    codec: journalEventC,
    toJson: journalStateJson,
  }),
  model({
    prefix: 'customer-',
    decider: customerDecider,
    codec: customerEventC,
    toJson: customerStateJson,
  }),
  model({ prefix: 'order-', decider: orderDecider, codec: orderEventC, toJson: orderStateJson }),
];

/** The model of a stream id, or undefined for a kind no context writes. */
export const auditModelFor = (streamId: string): AuditStreamModel | undefined =>
  auditStreamModels.find((m) => streamId.startsWith(m.prefix));
