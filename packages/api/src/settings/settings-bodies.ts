import * as t from 'io-ts';
import { AccountIdC, CalendarDateC } from '@erpcore/domain';
import { strictObject } from '../http/decode.js';

/** The posting roles to remap, each to an open account id; roles left out keep their account. */
export const PostingAccountsBodyC = strictObject(
  'PostingAccountsBody',
  {},
  {
    receivable: AccountIdC,
    payable: AccountIdC,
    revenue: AccountIdC,
    cogs: AccountIdC,
    inventory: AccountIdC,
    cash: AccountIdC,
    grni: AccountIdC,
    stockAdjustment: AccountIdC,
  },
);

/** `{ "lockDate": "2026-03-31" }` closes the books up to that day; null reopens them. */
export const LockDateBodyC = strictObject('LockDateBody', {
  lockDate: t.union([CalendarDateC, t.null]),
});
