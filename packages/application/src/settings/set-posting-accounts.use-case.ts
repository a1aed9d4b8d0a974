import {
  decideSetPostingAccounts,
  settingsStreamId,
  streamIds,
  type SetPostingAccounts,
  type SettingsEvent,
} from '@erpcore/domain';
import { map } from 'fp-ts/lib/Either.js';
import { useCase } from '../use-case.js';
import { settingsModel, type ChartModel } from './settings-kinds.js';

/**
 * Maps posting roles (cash, receivable…) to the company's own accounts, each of which must be
 * open in the chart. Answers the settings stream's revision; a mapping already in place appends
 * nothing. The chart is read, never written (not queued on).
 */
export const setPostingAccounts = (chart: ChartModel) =>
  useCase({
    name: 'set-posting-accounts',
    kinds: { settings: settingsModel, chart },
    streams: (_c: SetPostingAccounts) => ({
      settings: settingsStreamId(),
      chart: streamIds.chart(),
    }),
    writes: ['settings'],
    decide: (states, command) =>
      map((settings: readonly SettingsEvent[]) => ({ settings }))(
        decideSetPostingAccounts(command, states),
      ),
    replayStates: ['settings'],
    answer: (executed) => ({
      id: settingsStreamId(),
      revision: executed.roles.settings.revision,
      position: executed.position,
      extras: { postingAccounts: executed.roles.settings.state.postingAccounts },
    }),
  });
