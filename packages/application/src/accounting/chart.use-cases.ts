import * as E from 'fp-ts/lib/Either.js';
import {
  chartDecider,
  streamIds,
  type ChartEvent,
  type CloseAccount,
  type MoveAccount,
  type OpenAccount,
  type RenameAccount,
} from '@erpcore/domain';
import { useCase } from '../use-case.js';
import type { ChartModel } from './accounting-kinds.js';

/** The chart commands a caller sends: each names the account it answers with. */
export type AccountCommand = OpenAccount | RenameAccount | MoveAccount | CloseAccount;

/**
 * Open, rename, move or close an account: one decision on `chart-main` (loaded from its
 * snapshot), answering the account's id with the chart's revision.
 */
export const accountCommand = (chart: ChartModel) =>
  useCase({
    name: 'account-command',
    kinds: { chart },
    streams: () => ({ chart: streamIds.chart() }),
    decide: (states, command: AccountCommand) =>
      E.map((chart: readonly ChartEvent[]) => ({ chart }))(
        chartDecider.decide(command, states.chart),
      ),
    answer: (executed, command) => ({
      id: command.id,
      revision: executed.roles.chart.revision,
      position: executed.position,
    }),
  });
