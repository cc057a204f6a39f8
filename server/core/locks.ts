import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Db, inTransaction, preparedQuery } from '../../db/client.ts';
import { periodLocks } from '../../db/schema.ts';
import { type AuditEntry, recordAudit } from './audit.ts';
import type { DvoRecord } from './dvo-access.ts';
import { requirePeriodOfDvo } from './dvo-access.ts';
import { usernameOf } from './users/username.ts';

/** The periods of a DVO that are locked now (vastgesteld), with who and when. */
export function listLocks(db: Db, dvoId: number) {
  return db
    .select({ period: periodLocks.period, lockedAt: periodLocks.lockedAt, lockedBy: usernameOf(periodLocks.lockedBy) })
    .from(periodLocks)
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

interface LockChange {
  dvo: DvoRecord;
  period: string;
  userId: number;
  now: Date;
}

/**
 * Runs `change` in one transaction with the id of the period's lock in force (null when it is open)
 * and records what it did in the audit log; 400 for a period outside the DVO year.
 */
function changeLock(
  db: Db,
  { dvo, period, userId, now }: LockChange,
  action: 'period.lock' | 'period.unlock',
  change: (activeLockId: number | null) => Pick<AuditEntry, 'before' | 'after'> | null,
): { changed: boolean } {
  requirePeriodOfDvo(dvo, period, ['M', 'Q', 'Y']);
  return inTransaction(db, () => {
    const active = db
      .select({ id: periodLocks.id })
      .from(periodLocks)
      .where(and(eq(periodLocks.dvoId, dvo.id), eq(periodLocks.period, period), isNull(periodLocks.unlockedAt)))
      .get();
    const done = change(active?.id ?? null);
    if (!done) return { changed: false };
    recordAudit(db, { userId, action, entity: 'period', entityId: `${dvo.slug}/${period}`, ...done }, now);
    return { changed: true };
  });
}

/** Locks (vaststellen) a period: every figure within it is refused from now on until it is reopened. */
export function lockPeriod(db: Db, dvo: DvoRecord, period: string, userId: number, now: Date): { changed: boolean } {
  return changeLock(db, { dvo, period, userId, now }, 'period.lock', (activeLockId) => {
    if (activeLockId !== null) return null;
    const row = db
      .insert(periodLocks)
      .values({ dvoId: dvo.id, period, lockedAt: now.toISOString(), lockedBy: userId })
      .returning({ id: periodLocks.id })
      .get();
    return { after: { lockId: row.id } };
  });
}

/** Reopens a locked period, with the reason given. */
export function unlockPeriod(
  db: Db,
  dvo: DvoRecord,
  period: string,
  userId: number,
  reason: string | null,
  now: Date,
): { changed: boolean } {
  return changeLock(db, { dvo, period, userId, now }, 'period.unlock', (activeLockId) => {
    if (activeLockId === null) return null;
    db.update(periodLocks)
      .set({ unlockedAt: now.toISOString(), unlockedBy: userId, reason })
      .where(eq(periodLocks.id, activeLockId))
      .run();
    return { before: { lockId: activeLockId }, after: { reason } };
  });
}
