import * as E from 'fp-ts/lib/Either.js';
import type { CalendarDate } from '../accounting/account-values.js';
import type { ChartState } from '../accounting/chart.state.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import { defaultPostingAccounts, type PostingAccounts } from './posting-accounts.js';
import type { SettingsCommand, SetPostingAccounts } from './settings.commands.js';
import type { SettingsEvent } from './settings.events.js';

/** A company's settings. Before any event: the default posting accounts and no lock date. */
export interface SettingsState {
  readonly postingAccounts: PostingAccounts;
  /** The last closed day: nothing dated on or before it is accepted. */
  readonly lockDate: CalendarDate | null;
}

export const defaultSettings: SettingsState = {
  postingAccounts: defaultPostingAccounts,
  lockDate: null,
};

/**
 * The `settings-<company>` stream. Setting the same value again appends nothing. Whether the
 * accounts exist is the chart's to say: `decideSetPostingAccounts` checks it.
 */
export const settingsDecider: Decider<SettingsCommand, SettingsEvent, SettingsState> = {
  initialState: defaultSettings,
  decide: (command, state) => {
    switch (command.type) {
      case 'SetPostingAccounts': {
        const accounts = { ...state.postingAccounts, ...command.accounts };
        const same = (Object.keys(accounts) as (keyof PostingAccounts)[]).every(
          (k) => accounts[k] === state.postingAccounts[k],
        );
        return E.right(same ? [] : [{ type: 'PostingAccountsSet', data: { accounts } }]);
      }
      case 'SetLockDate':
        return E.right(
          command.lockDate === state.lockDate
            ? []
            : [
                {
                  type: 'LockDateSet',
                  data: { lockDate: command.lockDate, previousLockDate: state.lockDate },
                },
              ],
        );
      default:
        return assertNever(command);
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'PostingAccountsSet':
        return { ...state, postingAccounts: event.data.accounts };
      case 'LockDateSet':
        return { ...state, lockDate: event.data.lockDate };
      default:
        return assertNever(event);
    }
  },
};

/** Sets posting accounts, each of which must exist in the chart and be open. */
export const decideSetPostingAccounts = (
  command: SetPostingAccounts,
  states: { readonly settings: SettingsState; readonly chart: ChartState },
): E.Either<DomainError, readonly SettingsEvent[]> => {
  for (const [role, id] of Object.entries(command.accounts)) {
    if (id === undefined) continue;
    const account = states.chart.accounts.get(id);
    if (account === undefined)
      return E.left(
        domainError('unknown_account', `account ${id} does not exist`, [{ role, accountId: id }]),
      );
    if (account.closed)
      return E.left(
        domainError('account_closed', `account ${id} is closed`, [{ role, accountId: id }]),
      );
  }
  return settingsDecider.decide(command, states.settings);
};
