import {
  decideCloseAccount,
  settingsStreamId,
  streamIds,
  type ChartEvent,
  type CloseAccount,
} from '@erpcore/domain';
import { map } from 'fp-ts/lib/Either.js';
import { useCase } from '../use-case.js';
import { settingsModel, type ChartModel } from './settings-kinds.js';

/**
 * Closes an account, refused while a posting role maps to it (`decideCloseAccount`). Reads the
 * settings without writing them: a remap racing the close is not guarded, as for every reader.
 */
export const closeAccount = (chart: ChartModel) =>
  useCase({
    name: 'close-account',
    kinds: { chart, settings: settingsModel },
    streams: (_c: CloseAccount) => ({ chart: streamIds.chart(), settings: settingsStreamId() }),
    writes: ['chart'],
    decide: (states, command) =>
      map((events: readonly ChartEvent[]) => ({ chart: events }))(
        decideCloseAccount(command, states),
      ),
    answer: (executed, command) => ({
      id: command.id,
      revision: executed.roles.chart.revision,
      position: executed.position,
    }),
  });
