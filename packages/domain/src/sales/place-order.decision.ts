import * as E from 'fp-ts/lib/Either.js';
import type { ProductState } from '../catalog/product.decider.js';
import type { WarehouseState } from '../catalog/warehouse.decider.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import { moneyLimit } from '../shared/limits.js';
import { Money } from '../shared/money.js';
import type { CustomerState } from './customer.decider.js';
import type { PlaceOrder } from './order.commands.js';
import type { OrderState } from './order.decider.js';
import type { OrderEvent, OrderLine } from './order.events.js';

/** What placing an order reads: the order's own stream and those of everything it names. */
export interface PlaceOrderStates {
  readonly order: OrderState;
  readonly customer: CustomerState;
  readonly warehouse: WarehouseState;
  /** The state of each product the lines name, by product id. */
  readonly products: ReadonlyMap<string, ProductState>;
}

/**
 * Places an order: refuses an existing id (`already_exists`), then an unknown customer,
 * warehouse or product with their codes; otherwise one `OrderPlaced` with the names copied in
 * and `lineTotal = quantity × unitPrice` (half-even to the cent), `total = Σ lineTotal`.
 * Only the order stream is written: catalogue entries are never removed, so reading them needs
 * no expected revision.
 */
export const placeOrder = (
  command: PlaceOrder,
  states: PlaceOrderStates,
): E.Either<DomainError, readonly OrderEvent[]> => {
  if (states.order.status !== 'absent')
    return E.left(domainError('already_exists', `order ${command.id} already exists`));
  if (states.customer.status === 'absent')
    return E.left(
      domainError('unknown_customer', `customer ${command.customerId} does not exist`, [
        { customerId: command.customerId },
      ]),
    );
  if (states.warehouse.status === 'absent')
    return E.left(
      domainError('unknown_warehouse', `warehouse ${command.warehouseId} does not exist`, [
        { warehouseId: command.warehouseId },
      ]),
    );
  const lines: OrderLine[] = [];
  const unknown: string[] = [];
  for (const item of command.items) {
    const product = states.products.get(item.productId);
    if (product === undefined || product.status === 'absent') unknown.push(item.productId);
    else
      lines.push({
        productId: item.productId,
        productName: product.name,
        quantity: item.quantity,
        unitPrice: item.unitPrice,
        lineTotal: Money.times(item.quantity, item.unitPrice),
      });
  }
  if (unknown.length > 0)
    return E.left(
      domainError(
        'unknown_product',
        `unknown product ${unknown.join(', ')}`,
        [...new Set(unknown)].map((productId) => ({ productId })),
      ),
    );
  const total = Money.sum(lines.map((l) => l.lineTotal));
  const over =
    lines.reduce<DomainError | undefined>(
      (found, line, i) => found ?? moneyLimit(`items.${i}.lineTotal`, line.lineTotal),
      undefined,
    ) ?? moneyLimit('total', total);
  if (over !== undefined) return E.left(over);
  return E.right([
    {
      type: 'OrderPlaced',
      data: {
        id: command.id,
        customerId: command.customerId,
        customerName: states.customer.name,
        branchId: command.branchId,
        salespersonId: command.salespersonId,
        warehouseId: command.warehouseId,
        items: lines,
        total,
        at: command.at,
      },
    },
  ]);
};
