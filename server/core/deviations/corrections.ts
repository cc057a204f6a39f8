import { and, eq, exists, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client.ts';
import { figures, indicators, periodLocks } from '../../../db/schema.ts';
import type { Indicator } from '../../../shared/contracts/catalogue.ts';
import type { Correction } from '../../../shared/contracts/deviations.ts';
import { findCorrections, type LockRecord, type RevisionRecord } from '../../../shared/domain/corrections.ts';
import { isDue, monthPeriod, parsePeriod } from '../../../shared/domain/periods.ts';
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
