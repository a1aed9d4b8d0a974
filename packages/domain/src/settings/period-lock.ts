import * as E from 'fp-ts/lib/Either.js';
import { CalendarDateC, type CalendarDate } from '../accounting/account-values.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import type { SettingsState } from './settings.decider.js';
import { checked } from '../shared/checked.js';

/**
 * Refuses a posting or stock movement dated on or before the lock date with `period_locked`.
 * The lock date is the last day of the closed period: closing March means locking 03-31.
 * Dates are `YYYY-MM-DD`, so string order is date order.
 */
export const checkPeriodOpen = (
  settings: SettingsState,
  date: CalendarDate,
): E.Either<DomainError, void> =>
  settings.lockDate !== null && date <= settings.lockDate
    ? E.left(
        domainError(
          'period_locked',
          `the books are closed up to ${settings.lockDate}: nothing dated ${date} is accepted`,
          [{ date, lockDate: settings.lockDate }],
        ),
      )
    : E.right(undefined);

/** The calendar day of an ISO-8601 instant (`at` in commands), in UTC as written. */
export const dayOf = (at: string): CalendarDate => checked(CalendarDateC, at.slice(0, 10));
