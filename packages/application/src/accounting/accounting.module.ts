import type { SqlClient } from '@erpcore/eventstore';
import { accountingProjections } from '@erpcore/projections';
import { contextModule, streamKind } from '../context-module.js';
import {
  chartModelFor,
  foldedChartModel,
  journalModel,
  settingsModel,
} from './accounting-kinds.js';
import { chartStateJson, journalStateJson } from './accounting-state-json.js';
import { accountCommand } from './chart.use-cases.js';
import { postJournalEntry, reverseJournalEntry } from './journal.use-cases.js';

/** The accounting use cases over one client's chart (its one snapshot store). */
const useCasesOver = (client: SqlClient) => {
  const chart = chartModelFor(client);
  return {
    accountCommand: accountCommand(chart),
    postJournalEntry: postJournalEntry(chart),
    reverseJournalEntry: reverseJournalEntry(chart),
  };
};
export type AccountingUseCases = ReturnType<typeof useCasesOver>;

const built = new WeakMap<SqlClient, AccountingUseCases>();

/**
 * The accounting context: the chart of accounts (`chart-`), journal entries (`journal-`) and the
 * company settings (`settings-`), the use cases over them, and the projections that read them.
 * The chart's kind folds (what the audit replays); commands load it from that client's one
 * snapshot store (`chartModelFor`), which is why the use cases are built per client.
 */
export const accountingModule = contextModule({
  name: 'accounting',
  streamKinds: {
    chart: streamKind({ prefix: 'chart-', model: foldedChartModel, stateJson: chartStateJson }),
    journal: streamKind({ prefix: 'journal-', model: journalModel, stateJson: journalStateJson }),
    settings: streamKind({ prefix: 'settings-', model: settingsModel, stateJson: (s) => s }),
  },
  useCases: (client: SqlClient): AccountingUseCases => {
    let found = built.get(client);
    if (found === undefined) {
      found = useCasesOver(client);
      built.set(client, found);
    }
    return found;
  },
  projections: accountingProjections,
});
