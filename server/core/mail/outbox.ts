import { cachedStatement, type Db, inTransaction } from '../../../db/client.ts';
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
  const insert = cachedStatement(
    db,
    `insert into mail_log (dedupe_key, user_id, kind, recipient, subject, text_body, html_body, created_at, next_attempt_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (dedupe_key) do nothing`,
  );
  return inTransaction(db, () => {
    let added = 0;
    for (const m of mails) {
      added += insert.run(m.dedupeKey, m.userId, m.kind, m.recipient, m.subject, m.text, m.html, at, at).changes;
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
    const rows = cachedStatement(
      db,
      `select id, dedupe_key as dedupeKey, recipient, subject, text_body as textBody, html_body as htmlBody, attempts
         from mail_log
        where sent_at is null and next_attempt_at <= ? and (claimed_until is null or claimed_until <= ?)
        order by next_attempt_at, id limit ?`,
    ).all(at, at, limit) as ClaimedMail[];
    const claim = cachedStatement(db, 'update mail_log set claimed_until = ?, attempts = attempts + 1 where id = ?');
    for (const row of rows) claim.run(until, row.id);
    return rows.map((r) => ({ ...r, attempts: r.attempts + 1 }));
  });
}

export function markSent(db: Db, id: number, now: Date): void {
  cachedStatement(db, 'update mail_log set sent_at = ?, claimed_until = null, last_error = null where id = ?').run(
    now.toISOString(),
    id,
  );
}

/** Backoff after the n-th failed attempt: base × 2^(n−1), at most six hours. */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60 * 1000);
}

export function markFailed(db: Db, mail: ClaimedMail, error: string, now: Date, baseMs: number): void {
  const next = new Date(now.getTime() + retryDelayMs(mail.attempts, baseMs)).toISOString();
  cachedStatement(
    db,
    'update mail_log set claimed_until = null, next_attempt_at = ?, last_error = ? where id = ? and sent_at is null',
  ).run(next, error.slice(0, 1000), mail.id);
}
