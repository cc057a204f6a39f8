import type { FigureNumbers, FigureValue, StoredFigure } from '../contracts/figures.ts';
import { parsePeriod, periodContains } from './periods.ts';

// Corrections after vaststelling: a figure of a period that had been locked (vastgesteld), changed
// after the period was reopened. Figures are append-only revisions and locks keep their history, so
// both are plain lists here.

export interface RevisionRecord extends StoredFigure {
  /** ISO time; revisions of one key are ordered by it (then by `order`). */
  recordedAt: string;
  recordedBy: string;
  /** Tie-breaker within one moment (the row id). */
  order: number;
}

export interface LockRecord {
  period: string;
  lockedAt: string;
  unlockedAt: string | null;
  unlockedBy: string | null;
  reason: string | null;
}

export interface FoundCorrection extends Pick<FigureValue, 'indicator' | 'period' | 'segment'> {
  old: FigureNumbers;
  new: FigureNumbers;
  changedAt: string;
  changedBy: string;
  comment: string | null;
  /** The latest lock of a period containing the figure's period that was set before the change. */
  lock: LockRecord;
}

export interface CorrectionWindow {
  /** Only changes after this moment (the previous report), or all when null. */
  after: string | null;
  /** Only changes at or before this moment (the report's `asOf`, or now). */
  until: string;
}

const numbers = (r: RevisionRecord) => ({ value: r.value, numerator: r.numerator, denominator: r.denominator });

/**
 * Every revision that replaced an earlier one of the same figure, recorded within `window`, while a
 * period containing it had been locked before (a lock, being active at the change, is impossible: the
 * delivery would be refused, so the lock was reopened first). Ordered by the moment of the change.
 */
export function findCorrections(
  revisions: readonly RevisionRecord[],
  locks: readonly LockRecord[],
  window: CorrectionWindow,
): FoundCorrection[] {
  const byKey = new Map<string, RevisionRecord[]>();
  for (const r of revisions) {
    const key = `${r.indicator}\u0000${r.period}\u0000${r.segment ?? ''}`;
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  const found: FoundCorrection[] = [];
  for (const list of byKey.values()) {
    list.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.order - b.order);
    for (let i = 1; i < list.length; i++) {
      const previous = list[i - 1] as RevisionRecord;
      const current = list[i] as RevisionRecord;
      if (window.after !== null && current.recordedAt <= window.after) continue;
      if (current.recordedAt > window.until) continue;
      const lock = latestLockBefore(locks, current.period, current.recordedAt);
      if (!lock) continue;
      found.push({
        indicator: current.indicator,
        period: current.period,
        segment: current.segment,
        old: numbers(previous),
        new: numbers(current),
        changedAt: current.recordedAt,
        changedBy: current.recordedBy,
        comment: current.comment,
        lock,
      });
    }
  }
  return found.sort(
    (a, b) =>
      a.changedAt.localeCompare(b.changedAt) ||
      a.indicator.localeCompare(b.indicator) ||
      a.period.localeCompare(b.period),
  );
}

function latestLockBefore(locks: readonly LockRecord[], period: string, moment: string): LockRecord | null {
  const inner = parsePeriod(period);
  if (!inner) return null;
  let latest: LockRecord | null = null;
  for (const lock of locks) {
    const outer = parsePeriod(lock.period);
    if (!outer || !periodContains(outer, inner) || lock.lockedAt >= moment) continue;
    if (latest === null || lock.lockedAt > latest.lockedAt) latest = lock;
  }
  return latest;
}
