import * as t from 'io-ts';
import { AccountIdC, JournalEntryIdC } from '../shared/id.js';
import { AccountNameC, AccountTypeC } from './account-values.js';
import { PostingC } from './chart.events.js';

/** Open an account with a client-chosen id, at the root (`parentId: null`) or under an open parent. */
export const OpenAccountC = t.readonly(
  t.type({
    type: t.literal('OpenAccount'),
    id: AccountIdC,
    name: AccountNameC,
    accountType: AccountTypeC,
    parentId: t.union([AccountIdC, t.null]),
  }),
  'OpenAccount',
);
export type OpenAccount = t.TypeOf<typeof OpenAccountC>;

/** Give an account a new name, unique among its siblings. */
export const RenameAccountC = t.readonly(
  t.type({ type: t.literal('RenameAccount'), id: AccountIdC, name: AccountNameC }),
  'RenameAccount',
);
export type RenameAccount = t.TypeOf<typeof RenameAccountC>;

/** Move an account (and its subtree) under another parent, or to the root with `null`. */
export const MoveAccountC = t.readonly(
  t.type({
    type: t.literal('MoveAccount'),
    id: AccountIdC,
    parentId: t.union([AccountIdC, t.null]),
  }),
  'MoveAccount',
);
export type MoveAccount = t.TypeOf<typeof MoveAccountC>;

/** Close an account: needs a zero rolled-up balance and no open child. */
export const CloseAccountC = t.readonly(
  t.type({ type: t.literal('CloseAccount'), id: AccountIdC }),
  'CloseAccount',
);
export type CloseAccount = t.TypeOf<typeof CloseAccountC>;

/**
 * Record the balance deltas of a journal entry. Issued by `decidePostEntry`/`decideReverseEntry`,
 * not by clients: the chart checks every account exists and is open.
 */
export const PostToAccountsC = t.readonly(
  t.type({
    type: t.literal('PostToAccounts'),
    entryId: JournalEntryIdC,
    reversal: t.boolean,
    postings: t.readonlyArray(PostingC),
  }),
  'PostToAccounts',
);
export type PostToAccounts = t.TypeOf<typeof PostToAccountsC>;

/** Every command the chart decides. */
export type ChartCommand =
  OpenAccount | RenameAccount | MoveAccount | CloseAccount | PostToAccounts;
