import { and, desc, eq, isNull } from 'drizzle-orm';
import { type Db, inTransaction } from '../../../db/client.ts';
import { assessments, organisations, users } from '../../../db/schema.ts';
import type { AssessmentEntry } from '../../../shared/contracts/assessments.ts';
import { assessmentLock } from '../../../shared/domain/assessments.ts';
import type { AssessedStatus } from '../../../shared/domain/statuses.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit.ts';
import { type DvoRecord, requireActiveDvo } from '../dvo-access.ts';
import { lockedPeriods } from '../locks.ts';
import { bumpDataVersion } from './data-version.ts';
import { revisionStamp } from './revision-clock.ts';

export interface AssessmentWrite {
  dvo: DvoRecord;
  indicatorId: number;
  code: string;
  period: string;
  status: AssessedStatus | null;
  narrative: string | null;
  completedOn: string | null;
  userId: number;
  now: Date;
}

/**
 * Records a hand-set status or milestone completion; the previous one is kept, superseded. Returns the
 * time it is recorded at (`now`, or just after the DVO's latest recorded moment: revisionStamp).
 * A setting that a vastgestelde period freezes is refused (409, decision 0017); the locks are read
 * inside the transaction, so a period locked a moment ago counts.
 */
export function setAssessment(db: Db, w: AssessmentWrite): string {
  requireActiveDvo(w.dvo);
  return inTransaction(db, () => {
    const previous = db
      .select()
      .from(assessments)
      .where(
        and(
          eq(assessments.dvoId, w.dvo.id),
          eq(assessments.indicatorId, w.indicatorId),
          eq(assessments.period, w.period),
          isNull(assessments.supersededAt),
        ),
      )
      .get();
    const lock = assessmentLock(
      w.period,
      { completedOn: w.completedOn, previousCompletedOn: previous?.completedOn ?? null },
      lockedPeriods(db, w.dvo.id),
    );
    if (lock) throw new AppError('locked', lock.message);
    const recordedAt = revisionStamp(db, w.dvo.id, () => w.now);
    if (previous) db.update(assessments).set({ supersededAt: recordedAt }).where(eq(assessments.id, previous.id)).run();
    db.insert(assessments)
      .values({
        dvoId: w.dvo.id,
        indicatorId: w.indicatorId,
        period: w.period,
        status: w.status,
        narrative: w.narrative,
        completedOn: w.completedOn,
        recordedAt,
        userId: w.userId,
      })
      .run();
    bumpDataVersion(db, w.dvo.id);
    recordAudit(
      db,
      {
        userId: w.userId,
        action: 'assessment.set',
        entity: 'assessment',
        entityId: `${w.dvo.slug}/${w.code}/${w.period}`,
        before: previous
          ? { status: previous.status, narrative: previous.narrative, completedOn: previous.completedOn }
          : null,
        after: { status: w.status, narrative: w.narrative, completedOn: w.completedOn },
      },
      new Date(recordedAt),
    );
    return recordedAt;
  });
}

/** Every setting of one agreement, newest first, with who made it and for which party. */
export function listAssessmentHistory(db: Db, dvoId: number, indicatorId: number): AssessmentEntry[] {
  return db
    .select({
      period: assessments.period,
      status: assessments.status,
      narrative: assessments.narrative,
      completedOn: assessments.completedOn,
      recordedAt: assessments.recordedAt,
      supersededAt: assessments.supersededAt,
      recordedBy: users.username,
      role: users.role,
      organisation: organisations.name,
    })
    .from(assessments)
    .innerJoin(users, eq(users.id, assessments.userId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(assessments.dvoId, dvoId), eq(assessments.indicatorId, indicatorId)))
    .orderBy(desc(assessments.recordedAt), desc(assessments.id))
    .all()
    .map(({ supersededAt, ...entry }) => ({ ...entry, current: supersededAt === null }));
}
