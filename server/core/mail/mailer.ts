import nodemailer from 'nodemailer';
import type { Db } from '../../../db/client.ts';
import { claimDueMails, markFailed, markSent, queueMails } from './outbox.ts';
import { collectReminders } from './reminders.ts';

export interface Mailer {
  /** One round: queue what is due, send what is claimable. Never rejects. */
  tick(): Promise<void>;
  /** Ends the timer and waits for a round under way. */
  stop(): Promise<void>;
}

export interface MailerLog {
  error(details: object, message: string): void;
  info?(details: object, message: string): void;
}

export interface MailerOptions {
  smtpUrl: string;
  from: string;
  appUrl: string;
  now: () => Date;
  log: MailerLog;
  /** How often a round runs (default 5 minutes); 0 = only when `tick()` is called (tests). */
  intervalMs?: number;
  /** The first retry waits this long, each next one twice as long (default 1 minute). */
  retryBaseMs?: number;
  /** How long a claim holds while sending (default 2 minutes). */
  leaseMs?: number;
  /** Give up talking to the mail server after this long (default 20 s). */
  smtpTimeoutMs?: number;
}

/**
 * Sends the reminders (issue 15, decision 0014) from inside the server process: every round collects
 * the reminders due now, adds the new ones to the send log, and sends what it can claim. Rounds never
 * overlap, never throw out of the timer, and a mail server that is down or refuses only postpones
 * the mails in the log (with backoff); requests never wait for mail.
 */
export function startMailer(db: Db, options: MailerOptions): Mailer {
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    connectionTimeout: options.smtpTimeoutMs ?? 20_000,
    greetingTimeout: options.smtpTimeoutMs ?? 20_000,
    socketTimeout: options.smtpTimeoutMs ?? 20_000,
  });
  const retryBaseMs = options.retryBaseMs ?? 60_000;
  const leaseMs = options.leaseMs ?? 120_000;
  let running: Promise<void> | null = null;
  let stopped = false;

  const round = async () => {
    try {
      queueMails(db, collectReminders(db, options.now(), options.appUrl), options.now());
    } catch (err) {
      options.log.error({ err }, 'herinneringen: verzamelen mislukt, volgende ronde probeert opnieuw');
    }
    let claimed: ReturnType<typeof claimDueMails>;
    try {
      claimed = claimDueMails(db, options.now(), leaseMs);
    } catch (err) {
      options.log.error({ err }, 'herinneringen: verzendlog niet leesbaar, volgende ronde probeert opnieuw');
      return;
    }
    for (const mail of claimed) {
      if (stopped) return;
      try {
        await transport.sendMail({
          from: options.from,
          to: mail.recipient,
          subject: mail.subject,
          text: mail.textBody,
          html: mail.htmlBody,
          headers: { 'X-DVO-Reminder': mail.dedupeKey },
        });
        markSent(db, mail.id, options.now());
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        try {
          markFailed(db, mail, message, options.now(), retryBaseMs);
        } catch (inner) {
          options.log.error({ err: inner }, 'herinneringen: mislukte poging niet vastgelegd');
        }
        options.log.error({ err: message, attempts: mail.attempts }, 'herinnering niet verstuurd, later opnieuw');
      }
    }
  };

  const tick = () => {
    if (stopped) return Promise.resolve();
    running ??= round()
      .catch((err) => options.log.error({ err }, 'herinneringen: ronde mislukt'))
      .finally(() => {
        running = null;
      });
    return running;
  };

  const timer = options.intervalMs === 0 ? null : setInterval(() => void tick(), options.intervalMs ?? 5 * 60_000);
  timer?.unref();
  // the first round shortly after start, not in the middle of it
  const first = options.intervalMs === 0 ? null : setTimeout(() => void tick(), 5_000);
  first?.unref();

  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (first) clearTimeout(first);
      await running;
      transport.close();
    },
  };
}
