import { JournalLineC, Money, type ChartState, type JournalState } from '@erpcore/domain';

/**
 * A decider's state as JSON, the way the API shows values everywhere: quantities and money as
 * decimal strings (never the scaled bigints inside), maps as objects keyed by id. The audit's
 * replay shows states through these.
 */

/** A journal entry: its lines with decimal amounts. */
export const journalStateJson = (s: JournalState): unknown =>
  s.status === 'absent' ? s : { ...s, lines: s.lines.map((l) => JournalLineC.encode(l)) };

/** The chart of accounts: every account by id (ids in byte order, so the answer is stable). */
export const chartStateJson = (s: ChartState): unknown => {
  const accounts = [...s.accounts.values()].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  return {
    accounts: Object.fromEntries(
      accounts.map((a) => [
        a.id,
        {
          ...a,
          balance: Money.format(a.balance),
          rolledUpBalance: Money.format(a.rolledUpBalance),
        },
      ]),
    ),
  };
};
