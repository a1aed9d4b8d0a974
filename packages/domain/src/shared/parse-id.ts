import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { domainError, type DomainError } from './domain-error.js';
import {
  AccountIdC,
  CustomerIdC,
  IdC,
  JournalEntryIdC,
  OrderIdC,
  ProductIdC,
  WarehouseIdC,
  type AccountId,
  type CustomerId,
  type Id,
  type JournalEntryId,
  type OrderId,
  type ProductId,
  type WarehouseId,
} from './id.js';

const idRule = '1–64 characters of A-Z a-z 0-9 _ . -';

const parser =
  <T extends Id>(codec: t.Type<T, string, unknown>, kind: string) =>
  (value: string): E.Either<DomainError, T> =>
    codec.is(value)
      ? E.right(value)
      : E.left(
          domainError('validation_failed', `${JSON.stringify(value)} is not a ${kind}`, [
            { path: kind, message: `must be ${idRule}` },
          ]),
        );

/*
 * Public constructors for ids from plain strings, for programs that embed the domain. They
 * return Either, like every decision (the domain never throws a refusal): Right(id) for 1–64
 * characters of A-Z a-z 0-9 _ . -, otherwise Left(`validation_failed`) naming the id kind.
 */

/** Any client-chosen id (a transfer id, a branch id). */
export const parseId = parser(IdC, 'id');
export const parseProductId = parser<ProductId>(ProductIdC, 'productId');
export const parseWarehouseId = parser<WarehouseId>(WarehouseIdC, 'warehouseId');
export const parseAccountId = parser<AccountId>(AccountIdC, 'accountId');
export const parseCustomerId = parser<CustomerId>(CustomerIdC, 'customerId');
export const parseOrderId = parser<OrderId>(OrderIdC, 'orderId');
export const parseJournalEntryId = parser<JournalEntryId>(JournalEntryIdC, 'journalEntryId');
