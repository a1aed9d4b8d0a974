/**
 * A party's aging as a step function of the as-of date, computed from its running totals.
 *
 * Laid end to end in (day, position) order, a party's documents cover (0, C(a)] of cents charged
 * by `a`, and what was paid or returned by then, P(a), settles (0, P(a)]. What is open of the
 * documents dated on or before t ≤ a is max(0, C(t) − P(a)); with t = a, a−31, a−61, a−91 those
 * four figures give the buckets by difference. They change only on a day the party moved, or
 * 31, 61 or 91 days after one, so a party's aging over every date is a few rows.
 */

/** Cents open [0–30 days old, 31–60, 61–90, over 90]. */
export type Buckets = readonly [bigint, bigint, bigint, bigint];

/** Charged and credited through `day` (days since 1970-01-01). */
export interface RunningTotals {
  readonly day: number;
  readonly charged: bigint;
  readonly credited: bigint;
}

/** The aging from `day` on, until the next step. */
export interface AgingStep {
  readonly day: number;
  readonly buckets: Buckets;
}

/** The bucket edges, in days before the as-of date. */
const edges = [0, 31, 61, 91] as const;
/** How far back an aging looks: documents older than this are all "over 90". */
export const agingLookBack = 91;

export const zeroBuckets: Buckets = [0n, 0n, 0n, 0n];

const dayMs = 86_400_000;
/** `YYYY-MM-DD` as days since 1970-01-01. */
export const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / dayMs;
export const dayText = (day: number): string => new Date(day * dayMs).toISOString().slice(0, 10);

/** The last element at or before `day` of a list sorted by day. */
const lastAtOrBefore = <T extends { readonly day: number }>(
  sorted: readonly T[],
  day: number,
): T | undefined => {
  let found: T | undefined;
  for (const x of sorted) {
    if (x.day > day) break;
    found = x;
  }
  return found;
};

const max0 = (n: bigint): bigint => (n > 0n ? n : 0n);

/**
 * The aging from what was charged through the as-of date and 31, 61 and 91 days before it, and
 * what was paid or returned through the as-of date.
 */
const agingOfCharged = (
  [c0, c31, c61, c91]: readonly [bigint, bigint, bigint, bigint],
  paid: bigint,
): Buckets => agingOfOpen([max0(c0 - paid), max0(c31 - paid), max0(c61 - paid), max0(c91 - paid)]);

/**
 * The aging from what is open of the documents dated on or before the as-of date and 31, 61 and
 * 91 days before it (each max(0, charged by then − paid by the as-of date)).
 */
export const agingOfOpen = ([o0, o31, o61, o91]: readonly [
  bigint,
  bigint,
  bigint,
  bigint,
]): Buckets => [o0 - o31, o31 - o61, o61 - o91, o91];

/** The aging on `day` from running totals sorted by day (none before it: nothing owed). */
const agingOn = (totals: readonly RunningTotals[], day: number): Buckets =>
  agingOfCharged(
    edges.map((e) => lastAtOrBefore(totals, day - e)?.charged ?? 0n) as [
      bigint,
      bigint,
      bigint,
      bigint,
    ],
    lastAtOrBefore(totals, day)?.credited ?? 0n,
  );

const same = (a: Buckets, b: Buckets): boolean => a.every((v, i) => v === b[i]);

/**
 * The aging steps on and after `from`, from running totals sorted by day that hold every row
 * after `from − agingLookBack` and the last one before. Only days where the aging changes from
 * the day before (`before`: the aging on `from − 1`) give a step.
 */
export const agingStepsFrom = (
  totals: readonly RunningTotals[],
  from: number,
  before: Buckets,
): AgingStep[] => {
  const days = new Set<number>([from]);
  for (const t of totals) for (const e of edges) if (t.day + e >= from) days.add(t.day + e);
  const steps: AgingStep[] = [];
  let last = before;
  for (const day of [...days].sort((a, b) => a - b)) {
    const buckets = agingOn(totals, day);
    if (same(buckets, last)) continue;
    steps.push({ day, buckets });
    last = buckets;
  }
  return steps;
};

/**
 * What the change from `oldSteps` to `newSteps` (both from one day on, `before` holding until
 * their first step) adds to the sum over parties, as steps: each holds until the next, the last
 * forever; no step while nothing changes.
 */
export const stepDifference = (
  oldSteps: readonly AgingStep[],
  newSteps: readonly AgingStep[],
  before: Buckets,
): AgingStep[] => {
  const days = [...new Set([...oldSteps, ...newSteps].map((s) => s.day))].sort((a, b) => a - b);
  const steps: AgingStep[] = [];
  let last = zeroBuckets;
  for (const day of days) {
    const now = lastAtOrBefore(newSteps, day)?.buckets ?? before;
    const was = lastAtOrBefore(oldSteps, day)?.buckets ?? before;
    const change = now.map((v, i) => v - (was[i] ?? 0n)) as unknown as Buckets;
    if (same(change, last)) continue;
    steps.push({ day, buckets: change });
    last = change;
  }
  return steps;
};

/**
 * The running totals after a movement of `charged` and `credited` cents on `day`: every row from
 * that day on moves by it, and the day gets a row if it had none.
 */
export const withMovement = (
  totals: readonly RunningTotals[],
  day: number,
  charged: bigint,
  credited: bigint,
): RunningTotals[] => {
  const prior = lastAtOrBefore(totals, day);
  const moved = totals.map((t) =>
    t.day >= day ? { ...t, charged: t.charged + charged, credited: t.credited + credited } : t,
  );
  if (prior?.day === day) return moved;
  const row = {
    day,
    charged: (prior?.charged ?? 0n) + charged,
    credited: (prior?.credited ?? 0n) + credited,
  };
  return [...moved, row].sort((a, b) => a.day - b.day);
};

/** What a party's aging on any date from `lastDay` on depends on (see `PartiesTable`). */
export interface AgingTail {
  readonly lastDay: number;
  /** Through `lastDay`. */
  readonly credited: bigint;
  /** Running totals from `lastDay − agingLookBack` on, and the last before. */
  readonly totals: readonly RunningTotals[];
}

/**
 * The tail from running totals sorted by day that hold every row after `lastDay −
 * agingLookBack` and the last one before, `lastDay` being the last day any row has.
 */
export const tailOf = (totals: readonly RunningTotals[], lastDay: number): AgingTail => {
  const floor = lastDay - agingLookBack;
  const before = lastAtOrBefore(totals, floor - 1);
  const kept = totals.filter((t) => t.day >= floor);
  return {
    lastDay,
    credited: totals[totals.length - 1]?.credited ?? 0n,
    totals: before === undefined ? kept : [before, ...kept],
  };
};
