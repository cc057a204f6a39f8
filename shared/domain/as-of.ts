import { addDays, endOfMonth } from './periods.ts';

// Every "te laat", "ontbreekt" and "verwacht" is counted to one moment: the day the screen, list,
// export or meeting is about, never the wall clock past it (issue #13, decision 0018). A day is
// `YYYY-MM-DD` and is read as it begins: a period has ended by a day when its last day lies before
// it, and a due date has passed when it lies before it (so on the due date itself nothing is late).

/** Whole days from one `YYYY-MM-DD` to another (negative when `to` lies before `from`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The day a screen about evaluation month `month` of `year` speaks as of. With `asOf` (a meeting's
 * opening, a list "zoals bekend op"): that day. Otherwise the day after the month ends, when the
 * month is complete, or today while it is not over yet. So the list of September, read a year later,
 * counts to 1 October and does not call the report due on 14 October missing.
 */
export function referenceDay(input: { year: number; month: number; asOf: string | null; now: string }): string {
  if (input.asOf !== null) return input.asOf.slice(0, 10);
  const complete = addDays(endOfMonth(input.year, input.month), 1);
  const today = input.now.slice(0, 10);
  return today < complete ? today : complete;
}

export interface DueAt {
  /** The period is over (its last day lies before `day`): from then on it can be due, missing or late. */
  ended: boolean;
  /** The due date lies before `day`. */
  late: boolean;
  /** Days from `day` to the due date: 0 on the day itself, negative when late. */
  daysLeft: number;
}

/** Where a period that ends on `periodEnd` and is due on `dueDate` stands on `day`: the one rule. */
export function dueAt(periodEnd: string, dueDate: string, day: string): DueAt {
  const daysLeft = daysBetween(day, dueDate);
  return { ended: periodEnd < day, late: daysLeft < 0, daysLeft };
}
