import { closedObject, nullableText, text } from './response-schemas.js';

/** The settings stream's revision: -1 while no setting was ever changed. */
const settingsRevision = {
  type: 'string',
  pattern: '^(-1|\\d{1,20})$',
  description: '-1 while the defaults were never changed',
};

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
  revision: settingsRevision,
  postingAccounts: postingAccountsSchema,
});

/** `GET /v1/settings/lock-date`. */
export const lockDateViewSchema = closedObject({
  revision: settingsRevision,
  lockDate: nullableText,
});
