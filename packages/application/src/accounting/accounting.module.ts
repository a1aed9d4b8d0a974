import type { SqlClient } from '@erpcore/eventstore';
import { chartModelFor, journalModel, settingsModel } from './accounting-kinds.js';
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
 * The accounting context: the chart of accounts (`chart-`, loaded from its snapshot), journal
 * entries (`journal-`) and the company settings (`settings-`), the use cases over them, and the
 * projections that read them. The use cases are declared once per client because the chart's
 * snapshot store is that client's.
 */
export const accountingModule = {
  name: 'accounting',
  streamKinds: {
    chart: { prefix: 'chart-', model: chartModelFor },
    journal: { prefix: 'journal-', model: () => journalModel },
    settings: { prefix: 'settings-', model: () => settingsModel },
  },
  projections: ['account_tree'],
  useCases: (client: SqlClient): AccountingUseCases => {
    let found = built.get(client);
    if (found === undefined) {
      found = useCasesOver(client);
      built.set(client, found);
    }
    return found;
  },
} as const;
