import * as E from 'fp-ts/lib/Either.js';
import type { CloseAccount } from '../accounting/chart.commands.js';
import { chartDecider } from '../accounting/chart.decider.js';
import type { ChartEvent } from '../accounting/chart.events.js';
import type { ChartState } from '../accounting/chart.state.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import type { PostingRole } from './posting-accounts.js';
import type { SettingsState } from './settings.decider.js';

/** What closing an account reads: the chart, and the settings that name the posting accounts. */
export interface CloseAccountStates {
  readonly chart: ChartState;
  readonly settings: SettingsState;
}

/**
 * Closes an account unless a posting role maps to it: every later delivery, payment, receipt or
 * bill would post to a closed account and be refused, with no way back (a closed account cannot
 * be reopened). The refusal names the roles and says how to remap them first. A system account
 * (`sys.cash`…) that no role maps to any more closes like any other.
 */
export const decideCloseAccount = (
  command: CloseAccount,
  states: CloseAccountStates,
): E.Either<DomainError, readonly ChartEvent[]> => {
  const accounts = states.settings.postingAccounts;
  const roles = (Object.keys(accounts) as PostingRole[]).filter((r) => accounts[r] === command.id);
  if (roles.length > 0)
    return E.left(
      domainError(
        'invalid_transition',
        `account ${command.id} is the ${roles.join(', ')} posting account: automatic postings ` +
          `go to it, and closing it would refuse them all. Map ${roles.length === 1 ? 'that role' : 'those roles'} ` +
          `to another open account first (PUT /v1/settings/posting-accounts), then close it`,
        roles.map((role) => ({ role, accountId: command.id })),
      ),
    );
  return chartDecider.decide(command, states.chart);
};
