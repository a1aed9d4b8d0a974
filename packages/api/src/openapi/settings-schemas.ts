import { closedObject, nullableText, positionText, text } from './response-schemas.js';

const roles = [
  'receivable',
  'payable',
  'revenue',
  'cogs',
  'inventory',
  'cash',
  'grni',
  'stockAdjustment',
];

/** Every posting role with the account it posts to. */
export const postingAccountsSchema = closedObject(Object.fromEntries(roles.map((r) => [r, text])));

/** `GET /v1/settings/posting-accounts`. */
export const postingAccountsViewSchema = closedObject({
  revision: positionText,
  postingAccounts: postingAccountsSchema,
});

/** `GET /v1/settings/lock-date`. */
export const lockDateViewSchema = closedObject({
  revision: positionText,
  lockDate: nullableText,
});
