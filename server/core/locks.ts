import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Db, inTransaction, preparedQuery } from '../../db/client.ts';
import { periodLocks, users } from '../../db/schema.ts';
import { recordAudit } from './audit.ts';
import type { DvoRecord } from './dvo-access.ts';
import { requirePeriodOfDvo } from './dvo-access.ts';

/** The periods of a DVO that are locked now (vastgesteld), with who and when. */
export function listLocks(db: Db, dvoId: number) {
  return db
    .select({ period: periodLocks.period, lockedAt: periodLocks.lockedAt, lockedBy: users.username })
    .from(periodLocks)
    .innerJoin(users, eq(users.id, periodLocks.lockedBy))
    .where(and(eq(periodLocks.dvoId, dvoId), isNull(periodLocks.unlockedAt)))
    .orderBy(periodLocks.period)
    .all();
}

/** Prepared once: every delivery reads the locks twice (decision 0015). */
function selectLockedPeriods(db: Db) {
  return db
    .select({ period: periodLocks.period })
    .from(periodLocks)
    .where(and(eq(periodLocks.dvoId, sql.placeholder('dvo')), isNull(periodLocks.unlockedAt)))
    .prepare();
}

export function lockedPeriods(db: Db, dvoId: number): string[] {
  return preparedQuery(db, selectLockedPeriods)
    .all({ dvo: dvoId })
    .map((r) => r.period);
}

/** Locks (vaststellen) a period: every figure within it is refused from now on until it is reopened. */
export function lockPeriod(db: Db, dvo: DvoRecord, period: string, userId: number, now: Date): { changed: boolean } {
  requirePeriodOfDvo(dvo, period, ['M', 'Q', 'Y']);
  return inTransaction(db, () => {
    const active = db
      .select({ id: periodLocks.id })
      .from(periodLocks)
      .where(and(eq(periodLocks.dvoId, dvo.id), eq(periodLocks.period, period), isNull(periodLocks.unlockedAt)))
      .get();
    if (active) return { changed: false };
    const row = db
      .insert(periodLocks)
      .values({ dvoId: dvo.id, period, lockedAt: now.toISOString(), lockedBy: userId })
      .returning({ id: periodLocks.id })
      .get();
    recordAudit(
      db,
      { userId, action: 'period.lock', entity: 'period', entityId: `${dvo.slug}/${period}`, after: { lockId: row.id } },
      now,
    );
    return { changed: true };
  });
}

export function unlockPeriod(
  db: Db,
  dvo: DvoRecord,
  period: string,
  userId: number,
  reason: string | null,
  now: Date,
): { changed: boolean } {
  requirePeriodOfDvo(dvo, period, ['M', 'Q', 'Y']);
  return inTransaction(db, () => {
    const active = db
      .select({ id: periodLocks.id })
      .from(periodLocks)
      .where(and(eq(periodLocks.dvoId, dvo.id), eq(periodLocks.period, period), isNull(periodLocks.unlockedAt)))
      .get();
    if (!active) return { changed: false };
    db.update(periodLocks)
      .set({ unlockedAt: now.toISOString(), unlockedBy: userId, reason })
      .where(eq(periodLocks.id, active.id))
      .run();
    recordAudit(
      db,
      {
        userId,
        action: 'period.unlock',
        entity: 'period',
        entityId: `${dvo.slug}/${period}`,
        before: { lockId: active.id },
        after: { reason },
      },
      now,
    );
    return { changed: true };
  });
}
