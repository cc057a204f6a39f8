import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { type Db, inTransaction } from '../../../db/client.ts';
import { mailLog } from '../../../db/schema.ts';
import type { MailMessage } from './messages.ts';

/**
 * The send log (`mail_log`): every reminder once, by its dedupe key. A mail is claimed before it is
 * sent (inside a write transaction, so two processes never claim the same row), marked sent after the
 * mail server accepted it, or given a next attempt with a growing delay when it did not.
 */

/** Adds the reminders not yet in the log; answers how many were new. */
export function queueMails(db: Db, mails: readonly MailMessage[], now: Date): number {
  if (mails.length === 0) return 0;
  const at = now.toISOString();
  return inTransaction(db, () => {
    let added = 0;
    for (const m of mails) {
      added += db
        .insert(mailLog)
        .values({
          dedupeKey: m.dedupeKey,
          userId: m.userId,
          kind: m.kind,
          recipient: m.recipient,
          subject: m.subject,
          textBody: m.text,
          htmlBody: m.html,
          createdAt: at,
          nextAttemptAt: at,
        })
        .onConflictDoNothing({ target: mailLog.dedupeKey })
        .run().changes;
    }
    return added;
  });
}

export interface ClaimedMail {
  id: number;
  dedupeKey: string;
  recipient: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  attempts: number;
}

/**
 * Claims up to `limit` mails that are due (not sent, next attempt reached, no live claim) for
 * `leaseMs`: a process that dies while sending leaves a claim that runs out, and the mail is tried
 * again. The attempt is counted at the claim.
 */
export function claimDueMails(db: Db, now: Date, leaseMs: number, limit = 20): ClaimedMail[] {
  const at = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  return inTransaction(db, () => {
    const rows = db
      .select({
        id: mailLog.id,
        dedupeKey: mailLog.dedupeKey,
        recipient: mailLog.recipient,
        subject: mailLog.subject,
        textBody: mailLog.textBody,
        htmlBody: mailLog.htmlBody,
        attempts: mailLog.attempts,
      })
      .from(mailLog)
      .where(
        and(
          isNull(mailLog.sentAt),
          lte(mailLog.nextAttemptAt, at),
          or(isNull(mailLog.claimedUntil), lte(mailLog.claimedUntil, at)),
        ),
      )
      .orderBy(asc(mailLog.nextAttemptAt), asc(mailLog.id))
      .limit(limit)
      .all();
    if (rows.length === 0) return [];
    db.update(mailLog)
      .set({ claimedUntil: until, attempts: sql`${mailLog.attempts} + 1` })
      .where(
        inArray(
          mailLog.id,
          rows.map((r) => r.id),
        ),
      )
      .run();
    return rows.map((r) => ({ ...r, attempts: r.attempts + 1 }));
  });
}

export function markSent(db: Db, id: number, now: Date): void {
  db.update(mailLog)
    .set({ sentAt: now.toISOString(), claimedUntil: null, lastError: null })
    .where(eq(mailLog.id, id))
    .run();
}

/** Backoff after the n-th failed attempt: base × 2^(n−1), at most six hours. */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60 * 1000);
}

export function markFailed(db: Db, mail: ClaimedMail, error: string, now: Date, baseMs: number): void {
  const next = new Date(now.getTime() + retryDelayMs(mail.attempts, baseMs)).toISOString();
  db.update(mailLog)
    .set({ claimedUntil: null, nextAttemptAt: next, lastError: error.slice(0, 1000) })
    .where(and(eq(mailLog.id, mail.id), isNull(mailLog.sentAt)))
    .run();
}
