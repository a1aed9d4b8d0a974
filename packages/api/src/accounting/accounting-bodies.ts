import * as t from 'io-ts';
import {
  AccountIdC,
  AccountNameC,
  AccountTypeC,
  CalendarDateC,
  DescriptionC,
  isSystemJournalEntryId,
  JournalEntryIdC,
  type JournalLine,
} from '@erpcore/domain';
import { BodyAmountC } from '../http/decimal-bounds.js';
import { decodeOr400, strictObject } from '../http/decode.js';
import { validationFailed, type ErrorDetail } from '../http/http-error.js';
import { listQueryProps } from '../http/list-query.js';

/** `POST /v1/accounts`. */
export const OpenAccountBodyC = strictObject(
  'OpenAccountBody',
  { id: AccountIdC, name: AccountNameC, type: AccountTypeC },
  { parentId: t.union([AccountIdC, t.null]) },
);
/** `POST /v1/accounts/:id/rename`. */
export const RenameAccountBodyC = strictObject('RenameAccountBody', { name: AccountNameC });
/** `POST /v1/accounts/:id/move`: `parentId` is required, `null` meaning the root level. */
export const MoveAccountBodyC = strictObject('MoveAccountBody', {
  parentId: t.union([AccountIdC, t.null]),
});
/** `POST /v1/accounts/:id/close`: an empty object. */
export const EmptyBodyC = strictObject('EmptyBody', {});
/** `POST /v1/journal-entries/:id/reverse`. */
export const ReverseEntryBodyC = strictObject('ReverseEntryBody', { date: CalendarDateC });
/** `:id` of an account route. */
export const AccountParamsC = strictObject('AccountParams', { id: AccountIdC });
/** `:id` of a journal entry route. */
export const EntryParamsC = strictObject('EntryParams', { id: JournalEntryIdC });
/** `GET /v1/accounts`. */
export const AccountListQueryC = strictObject(
  'AccountListQuery',
  {},
  { under: AccountIdC, ...listQueryProps },
);

const LineBodyC = strictObject(
  'JournalLineBody',
  { accountId: AccountIdC },
  { debit: BodyAmountC, credit: BodyAmountC },
);
export const JournalEntryBodyC = strictObject(
  'JournalEntryBody',
  { id: JournalEntryIdC, date: CalendarDateC, lines: t.array(LineBodyC) },
  { description: DescriptionC },
);

/** A decoded `POST /v1/journal-entries` body, lines in the domain's `{ side, amount }` form. */
export interface JournalEntryBody {
  readonly id: t.TypeOf<typeof JournalEntryIdC>;
  readonly date: t.TypeOf<typeof CalendarDateC>;
  readonly description: t.TypeOf<typeof DescriptionC>;
  readonly lines: readonly JournalLine[];
}

/**
 * Decodes a journal entry body or throws 400: each line must carry exactly one of `debit` and
 * `credit` (a positive decimal string). Balance and line count are domain rules (422).
 */
export const decodeJournalEntryBody = (body: unknown): JournalEntryBody => {
  const decoded = decodeOr400(JournalEntryBodyC, body, 'body');
  const details: ErrorDetail[] = [];
  if (isSystemJournalEntryId(decoded.id))
    details.push({
      path: 'body.id',
      message:
        'ids starting with "order-", "order.", "payment-" or "payment." are reserved for entries the system posts',
    });
  const lines: JournalLine[] = [];
  decoded.lines.forEach((line, index) => {
    if (line.debit !== undefined && line.credit === undefined)
      lines.push({ accountId: line.accountId, side: 'debit', amount: line.debit });
    else if (line.credit !== undefined && line.debit === undefined)
      lines.push({ accountId: line.accountId, side: 'credit', amount: line.credit });
    else
      details.push({
        path: `body.lines.${index}`,
        message: 'exactly one of debit or credit is required',
      });
  });
  if (details.length > 0) throw validationFailed(details);
  return {
    id: decoded.id,
    date: decoded.date,
    description: decoded.description ?? ('' as t.TypeOf<typeof DescriptionC>),
    lines,
  };
};
