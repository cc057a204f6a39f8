import type { DeviationState } from '../contracts/deviations.ts';

// Which deviation thread a deviating row of an evaluated month belongs to. A deviation is identified
// by (DVO, indicator, segment) while it is not closed: a row that deviates again next month is the
// same thread carried on. Months are `YYYY-MM` of one DVO year, so they compare as text.

export interface ThreadSpan {
  id: number;
  key: string;
  state: DeviationState;
  firstPeriod: string;
  lastPeriod: string;
}

export type ThreadAssignment =
  /** An existing thread; `extend` when this month widens the months in which it was seen. */
  | { kind: 'existing'; id: number; extend: { firstPeriod: string; lastPeriod: string } | null }
  /** A new thread; its run of deviating months may start no earlier than the month after `floor`. */
  | { kind: 'new'; floor: string | null }
  /** A month before a closed thread of the same agreement that no thread covers: shown without a thread. */
  | { kind: 'untracked' };

/** The identity of a deviation within its DVO: indicator and segment ('' for the total). */
export function deviationKey(indicator: string, segment: string | null): string {
  return `${indicator}\u0000${segment ?? ''}`;
}

/**
 * The thread for a row of `key` that deviates at `month`:
 * 1. a thread (any state) whose months seen cover `month`;
 * 2. else the thread that is not closed, when `month` lies after every closed thread (carried on);
 * 3. else a new thread, when `month` lies after every closed thread (it came back after closing);
 * 4. else none: a month before a closed thread that no thread covers.
 */
export function assignThread(key: string, month: string, threads: readonly ThreadSpan[]): ThreadAssignment {
  const own = threads.filter((t) => t.key === key);
  const covering = own.filter((t) => t.firstPeriod <= month && month <= t.lastPeriod).sort((a, b) => b.id - a.id)[0];
  if (covering) return { kind: 'existing', id: covering.id, extend: null };
  const closedUntil = own
    .filter((t) => t.state === 'afgesloten')
    .reduce<string | null>((max, t) => (max === null || t.lastPeriod > max ? t.lastPeriod : max), null);
  if (closedUntil !== null && month <= closedUntil) return { kind: 'untracked' };
  const active = own.find((t) => t.state !== 'afgesloten');
  if (!active) return { kind: 'new', floor: closedUntil };
  return {
    kind: 'existing',
    id: active.id,
    extend: {
      firstPeriod: month < active.firstPeriod ? month : active.firstPeriod,
      lastPeriod: month > active.lastPeriod ? month : active.lastPeriod,
    },
  };
}

/**
 * The first month of the uninterrupted run of deviating months that ends at `month` (1–12), not
 * reaching back to or before `floor` (the last month of a closed thread, or 0).
 */
export function firstMonthOfRun(month: number, floor: number, isDeviating: (month: number) => boolean): number {
  let first = month;
  while (first - 1 > floor && first - 1 >= 1 && isDeviating(first - 1)) first -= 1;
  return first;
}
