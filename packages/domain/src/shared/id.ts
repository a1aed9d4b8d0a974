import * as t from 'io-ts';

/** Client-chosen ids: 1–64 characters of A-Z a-z 0-9 _ . - (SKU codes, branch codes). */
export interface IdBrand {
  readonly Id: unique symbol;
}
export const IdC = t.brand(
  t.string,
  (s): s is t.Branded<string, IdBrand> => /^[A-Za-z0-9_.-]{1,64}$/.test(s),
  'Id',
);
export type Id = t.TypeOf<typeof IdC>;

const branded = <B extends string>(_name: B) =>
  IdC as unknown as t.Type<Id & { readonly [K in B]: true }, string, unknown>;

export const ProductIdC = branded('ProductId');
export type ProductId = t.TypeOf<typeof ProductIdC>;
export const WarehouseIdC = branded('WarehouseId');
export type WarehouseId = t.TypeOf<typeof WarehouseIdC>;
export const AccountIdC = branded('AccountId');
export type AccountId = t.TypeOf<typeof AccountIdC>;
export const CustomerIdC = branded('CustomerId');
export type CustomerId = t.TypeOf<typeof CustomerIdC>;
export const OrderIdC = branded('OrderId');
export type OrderId = t.TypeOf<typeof OrderIdC>;
export const JournalEntryIdC = branded('JournalEntryId');
export type JournalEntryId = t.TypeOf<typeof JournalEntryIdC>;

/** Unchecked conversion for ids already validated at the edge (and in tests); embedders use `parseProductId` etc. */
export const asId = <T extends Id>(s: string): T => s as T;

export const SupplierIdC = branded('SupplierId');
export type SupplierId = t.TypeOf<typeof SupplierIdC>;
export const PurchaseOrderIdC = branded('PurchaseOrderId');
export type PurchaseOrderId = t.TypeOf<typeof PurchaseOrderIdC>;
