import {
  chartDecider,
  chartEventC,
  customerDecider,
  customerEventC,
  journalDecider,
  journalEventC,
  orderDecider,
  orderEventC,
  purchaseOrderDecider,
  purchaseOrderEventC,
  settingsDecider,
  settingsEventC,
  supplierDecider,
  supplierEventC,
  type DomainEvent,
} from '@erpcore/domain';
import type { StreamCodec, StreamModel } from '@erpcore/eventstore';
import {
  catalogModule,
  inventoryModule,
  type StreamKind as ModuleKind,
} from '@erpcore/application';

/** One kind of stream: the prefix of its ids, the decider that owns it and its events' codec. */
export interface StreamKind<E extends DomainEvent, S> {
  /** Stream ids of this kind start with it (`order-`). */
  readonly prefix: string;
  readonly decider: { readonly initialState: S; readonly evolve: (state: S, event: E) => S };
  readonly codec: StreamCodec<E>;
}

// Only infers E and S: each entry keeps its own event and state types.
const kind = <E extends DomainEvent, S>(k: StreamKind<E, S>): StreamKind<E, S> => k;

/** A kind declared by a context module (`@erpcore/application`), in this file's shape. */
const fromModule = <E extends DomainEvent, S>(k: ModuleKind<E, S>): StreamKind<E, S> => ({
  prefix: k.prefix,
  decider: k.model,
  codec: k.model.codec,
});

/**
 * Every kind of stream the contexts write (API.md's stream ids, plus `transfer-<id>`), mapped to
 * the decider that owns it. Payments write no stream of their own: a payment is a customer event
 * plus the journal entry `journal-payment-<id>`. No prefix is a prefix of another. The command
 * models and the audit's replay both start from here, so they cannot disagree on a kind. The
 * catalogue and inventory kinds come from their context modules (`@erpcore/application`'s
 * `contexts`); the others move there as their contexts get modules.
 */
export const streamKinds = {
  warehouse: fromModule(catalogModule.streamKinds.warehouse),
  product: fromModule(catalogModule.streamKinds.product),
  stock: fromModule(inventoryModule.streamKinds.stock),
  transfer: fromModule(inventoryModule.streamKinds.transfer),
  chart: kind({ prefix: 'chart-', decider: chartDecider, codec: chartEventC }),
  journal: kind({ prefix: 'journal-', decider: journalDecider, codec: journalEventC }),
  customer: kind({ prefix: 'customer-', decider: customerDecider, codec: customerEventC }),
  order: kind({ prefix: 'order-', decider: orderDecider, codec: orderEventC }),
  // Issue 14. `purchase-order-` does not start with `order-`: prefixes are matched from the start.
  supplier: kind({ prefix: 'supplier-', decider: supplierDecider, codec: supplierEventC }),
  purchaseOrder: kind({
    prefix: 'purchase-order-',
    decider: purchaseOrderDecider,
    codec: purchaseOrderEventC,
  }),
  settings: kind({ prefix: 'settings-', decider: settingsDecider, codec: settingsEventC }),
} as const;

/** The model that loads a stream of this kind by folding all its events (the default strategy). */
export const foldingModel = <E extends DomainEvent, S>(k: StreamKind<E, S>): StreamModel<E, S> => ({
  initialState: k.decider.initialState,
  evolve: k.decider.evolve,
  codec: k.codec,
});
