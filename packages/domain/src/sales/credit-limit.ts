import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import { Money } from '../shared/money.js';
import type { CustomerState } from './customer.decider.js';

/**
 * Refuses a confirmation that would take what the customer owes plus this order past the credit
 * limit (`credit_limit_exceeded`, 422). The exposure is the current debt (deliveries − payments −
 * returns) plus the order's total; other confirmed, undelivered orders are not counted: the
 * customer stream does not hold them, and reading them all would put every order in the
 * consistency boundary.
 */
export const checkCreditLimit = (
  customer: CustomerState | undefined,
  orderTotal: Money,
): E.Either<DomainError, void> => {
  if (customer === undefined || customer.status === 'absent') return E.right(undefined);
  const limit = customer.creditLimit ?? null;
  if (limit === null) return E.right(undefined);
  const exposure = Money.add(customer.balance, orderTotal);
  return exposure > limit
    ? E.left(
        domainError(
          'credit_limit_exceeded',
          `customer ${customer.id} owes ${Money.format(customer.balance)}; this order (${Money.format(orderTotal)}) would pass the credit limit of ${Money.format(limit)}`,
          [
            {
              customerId: customer.id,
              balance: Money.format(customer.balance),
              orderTotal: Money.format(orderTotal),
              creditLimit: Money.format(limit),
            },
          ],
        ),
      )
    : E.right(undefined);
};
