import { and, eq, isNull } from 'drizzle-orm';
import { type Db, inTransaction } from '../../../db/client.ts';
import { assessments } from '../../../db/schema.ts';
import type { AssessedStatus } from '../../../shared/domain/statuses.ts';
import { recordAudit } from '../audit.ts';
import type { DvoRecord } from '../dvo-access.ts';
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
 */
export function setAssessment(db: Db, w: AssessmentWrite): string {
  return inTransaction(db, () => {
    const recordedAt = revisionStamp(db, w.dvo.id, () => w.now);
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
