import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import type { ProductId } from '../shared/id.js';
import { Quantity } from '../shared/quantity.js';

/** A document line against something with a limit per product (ordered, received, delivered). */
export interface Remaining<L> {
  readonly line: L;
  readonly quantity: Quantity;
}

/**
 * Matches requested lines to what is left per product; refuses an unknown product
 * (`unknown_product`) or more than what is left (`exceeds_remaining`, every offending line in
 * `details`), so a receipt, bill, delivery or return can never go past its source.
 */
export const matchRemaining = <L extends { readonly productId: ProductId }>(
  requested: ReadonlyArray<{ readonly productId: ProductId; readonly quantity: Quantity }>,
  lines: readonly L[],
  left: (line: L) => Quantity,
  what: string,
): E.Either<DomainError, ReadonlyArray<Remaining<L>>> => {
  const matched: Array<Remaining<L>> = [];
  const over: Array<{ productId: string; requested: string; remaining: string }> = [];
  for (const r of requested) {
    const line = lines.find((l) => l.productId === r.productId);
    if (line === undefined)
      return E.left(
        domainError('unknown_product', `product ${r.productId} is not on the ${what}`, [
          { productId: r.productId },
        ]),
      );
    const remaining = left(line);
    if (r.quantity > remaining)
      over.push({
        productId: r.productId,
        requested: Quantity.format(r.quantity),
        remaining: Quantity.format(remaining),
      });
    else matched.push({ line, quantity: r.quantity });
  }
  if (over.length > 0)
    return E.left(
      domainError(
        'exceeds_remaining',
        over
          .map((o) => `${o.requested} of ${o.productId} requested, ${o.remaining} remaining`)
          .join('; '),
        over,
      ),
    );
  return E.right(matched);
};
