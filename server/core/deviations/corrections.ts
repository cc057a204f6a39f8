import { and, eq, exists, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client.ts';
import { figures, indicators, periodLocks } from '../../../db/schema.ts';
import type { Indicator } from '../../../shared/contracts/catalogue.ts';
import type { Correction, LockChange, LockedPeriodChanges } from '../../../shared/contracts/deviations.ts';
import type { StatusRow } from '../../../shared/contracts/status.ts';
import { findCorrections, type LockRecord, type RevisionRecord } from '../../../shared/domain/corrections.ts';
import { evaluationMonthOf, isDue, monthPeriod, parsePeriod, periodContains } from '../../../shared/domain/periods.ts';
import type { DvoRecord } from '../dvo-access.ts';
import { evaluateStatus } from '../evaluation/evaluation.ts';
import { revisionColumns } from '../figures/history.ts';
import { usernameOf } from '../users/username.ts';

export interface CorrectionRequest {
  dvo: DvoRecord;
  /** The report's evaluated month (1–12): only periods due by then, and the effect measured there. */
  month: number;
  /** Changes after this moment only (the previous meeting), or all when null. */
  after: string | null;
  /** Changes up to this moment (the report's `asOf`, or now). */
  until: string;
  definitions: ReadonlyMap<string, Indicator>;
  now: Date;
}

/**
 * Corrections after vaststelling for a report: which figures of a period that had been locked were
 * changed after it was reopened, with old and new value, who, why (the figure's toelichting and the
 * reopening's reason) and the effect on the year to date of the indicator (its total row) at the
 * report's month, measured just before and just after the change.
 */
export function loadCorrections(db: Db, req: CorrectionRequest): Correction[] {
  const revised = alias(figures, 'g');
  const hasRevisions = db
    .select({ one: sql`1` })
    .from(revised)
    .where(
      and(
        eq(revised.dvoId, figures.dvoId),
        eq(revised.indicatorId, figures.indicatorId),
        eq(revised.period, figures.period),
        eq(revised.segment, figures.segment),
        isNotNull(revised.supersededAt),
      ),
    );
  const revisions: RevisionRecord[] = db
    .select({ ...revisionColumns, order: figures.id })
    .from(figures)
    .innerJoin(indicators, eq(indicators.id, figures.indicatorId))
    .where(and(eq(figures.dvoId, req.dvo.id), exists(hasRevisions)))
    .all()
    .map((r) => ({ ...r, segment: r.segment === '' ? null : r.segment }));
  if (revisions.length === 0) return [];
  const locks: LockRecord[] = db
    .select({
      period: periodLocks.period,
      lockedAt: periodLocks.lockedAt,
      unlockedAt: periodLocks.unlockedAt,
      unlockedBy: usernameOf(periodLocks.unlockedBy),
      reason: periodLocks.reason,
    })
    .from(periodLocks)
    .where(eq(periodLocks.dvoId, req.dvo.id))
    .all();

  const month = monthPeriod(req.dvo.year, req.month);
  return findCorrections(revisions, locks, { after: req.after, until: req.until })
    .filter((c) => {
      const p = parsePeriod(c.period);
      return p !== null && p.year === req.dvo.year && isDue(p, req.dvo.year, req.month);
    })
    .map((c) => {
      const def = req.definitions.get(c.indicator);
      const justBefore = new Date(Date.parse(c.changedAt) - 1).toISOString();
      const before = totalActual(db, req, c.indicator, justBefore);
      const after = totalActual(db, req, c.indicator, c.changedAt);
      return {
        indicator: c.indicator,
        name: def?.name ?? c.indicator,
        segment: c.segment,
        period: c.period,
        unit: def?.unit ?? null,
        kind: def?.kind ?? 'flow',
        old: c.old,
        new: c.new,
        changedAt: c.changedAt,
        changedBy: c.changedBy,
        comment: c.comment,
        lockedPeriod: c.lock.period,
        lockedAt: c.lock.lockedAt,
        unlockedAt: c.lock.unlockedAt,
        unlockedBy: c.lock.unlockedBy,
        unlockReason: c.lock.reason,
        yearToDate: {
          month,
          before,
          after,
          difference: before !== null && after !== null ? after - before : null,
        },
      };
    });
}

function totalActual(db: Db, req: CorrectionRequest, indicator: string, asOf: string): number | null {
  const rows = evaluateStatus(db, { dvo: req.dvo, month: req.month, asOf, now: req.now });
  return rows.find((r) => r.indicator === indicator && r.segment === null)?.actual ?? null;
}

export interface LockChangesRequest {
  dvo: DvoRecord;
  /** Only the vastgestelde periods that overlap this one (a month or a quarter); all when null. */
  period: string | null;
  /** Only the figures of this indicator; all when null. */
  indicator: string | null;
  definitions: ReadonlyMap<string, Indicator>;
  now: Date;
}

interface Revision extends RevisionRecord {
  supersededAt: string | null;
}

/**
 * What changed since vaststelling, the one place that computes it: for every period of the DVO that
 * was ever vastgesteld (and overlaps `period`), the figures within it whose current revision differs
 * from the one current at its first lock, with the verdict of their agreement at the evaluated month
 * as the data stood at that first lock and as it stands now (`/status?asOf=` beside `/status`).
 * The evaluated month is the asked period's last month, or the locked period's own.
 */
export function changesSinceLock(db: Db, req: LockChangesRequest): LockedPeriodChanges[] {
  const { dvo } = req;
  const lockRows = db
    .select({
      period: periodLocks.period,
      lockedAt: periodLocks.lockedAt,
      lockedBy: usernameOf(periodLocks.lockedBy),
      unlockedAt: periodLocks.unlockedAt,
    })
    .from(periodLocks)
    .where(eq(periodLocks.dvoId, dvo.id))
    .orderBy(periodLocks.lockedAt, periodLocks.id)
    .all();
  if (lockRows.length === 0) return [];
  const asked = req.period === null ? null : parsePeriod(req.period);
  const byPeriod = new Map<string, typeof lockRows>();
  for (const lock of lockRows) {
    const outer = parsePeriod(lock.period);
    if (!outer || outer.year !== dvo.year) continue;
    if (asked && !periodContains(outer, asked) && !periodContains(asked, outer)) continue;
    const list = byPeriod.get(lock.period);
    if (list) list.push(lock);
    else byPeriod.set(lock.period, [lock]);
  }
  if (byPeriod.size === 0) return [];

  const revisions = loadRevisions(db, dvo.id, req.indicator);
  const result: LockedPeriodChanges[] = [];
  for (const [period, locks] of byPeriod) {
    const outer = parsePeriod(period) as NonNullable<ReturnType<typeof parsePeriod>>;
    const first = locks[0] as (typeof locks)[number];
    const latest = locks.at(-1) as (typeof locks)[number];
    const month = evaluationMonthOf(asked && periodContains(outer, asked) ? asked : outer).month;
    const changes = changedFigures(revisions, outer, first.lockedAt);
    let rows: LockChange[] = [];
    if (changes.length > 0) {
      const before = evaluateStatus(db, { dvo, month, asOf: first.lockedAt, now: req.now });
      const after = evaluateStatus(db, { dvo, month, asOf: null, now: req.now });
      rows = changes.map(({ old, current }) => {
        const def = req.definitions.get(current.indicator);
        const find = (evaluation: StatusRow[]) =>
          evaluation.find((r) => r.indicator === current.indicator && r.segment === current.segment) ??
          evaluation.find((r) => r.indicator === current.indicator && r.segment === null);
        const rowBefore = find(before);
        const rowAfter = find(after);
        const statusBefore = rowBefore?.status ?? null;
        const statusAfter = rowAfter?.status ?? null;
        return {
          indicator: current.indicator,
          name: def?.name ?? current.indicator,
          segment: current.segment,
          period: current.period,
          unit: def?.unit ?? null,
          old: old ? numbersOf(old) : null,
          new: numbersOf(current),
          changedAt: current.recordedAt,
          changedBy: current.recordedBy,
          comment: current.comment,
          rowSegment: (rowAfter ?? rowBefore)?.segment ?? null,
          statusBefore,
          statusAfter,
          actualBefore: rowBefore?.actual ?? null,
          actualAfter: rowAfter?.actual ?? null,
          statusChanged: statusBefore !== statusAfter,
        };
      });
    }
    result.push({
      period,
      firstLockedAt: first.lockedAt,
      firstLockedBy: first.lockedBy,
      locked: latest.unlockedAt === null,
      lockedAt: latest.lockedAt,
      lockedBy: latest.lockedBy,
      evaluatedMonth: monthPeriod(dvo.year, month),
      changes: rows,
    });
  }
  return result.sort((a, b) => a.period.localeCompare(b.period));
}

const numbersOf = (r: Revision) => ({ value: r.value, numerator: r.numerator, denominator: r.denominator });

function loadRevisions(db: Db, dvoId: number, indicator: string | null): Revision[] {
  return db
    .select({ ...revisionColumns, supersededAt: figures.supersededAt, order: figures.id })
    .from(figures)
    .innerJoin(indicators, eq(indicators.id, figures.indicatorId))
    .where(
      indicator === null ? eq(figures.dvoId, dvoId) : and(eq(figures.dvoId, dvoId), eq(indicators.code, indicator)),
    )
    .orderBy(figures.id)
    .all()
    .map((r) => ({ ...r, segment: r.segment === '' ? null : r.segment }));
}

/** The figures within `outer` whose current revision is not the one current at `moment`. */
function changedFigures(
  revisions: readonly Revision[],
  outer: NonNullable<ReturnType<typeof parsePeriod>>,
  moment: string,
): { old: Revision | null; current: Revision }[] {
  const byKey = new Map<string, { old: Revision | null; current: Revision | null }>();
  for (const r of revisions) {
    const inner = parsePeriod(r.period);
    if (!inner || !periodContains(outer, inner)) continue;
    const key = `${r.indicator}\u0000${r.period}\u0000${r.segment ?? ''}`;
    const entry = byKey.get(key) ?? { old: null, current: null };
    if (r.recordedAt <= moment && (r.supersededAt === null || r.supersededAt > moment)) entry.old = r;
    if (r.supersededAt === null) entry.current = r;
    byKey.set(key, entry);
  }
  const changed: { old: Revision | null; current: Revision }[] = [];
  for (const { old, current } of byKey.values()) {
    if (!current || current === old) continue;
    if (
      old &&
      old.value === current.value &&
      old.numerator === current.numerator &&
      old.denominator === current.denominator
    )
      continue;
    changed.push({ old, current });
  }
  return changed.sort(
    (a, b) =>
      a.current.indicator.localeCompare(b.current.indicator) ||
      a.current.period.localeCompare(b.current.period) ||
      (a.current.segment ?? '').localeCompare(b.current.segment ?? ''),
  );
}
