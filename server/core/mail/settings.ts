import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema.ts';
import { type MailKind, MailKindSchema, type MailSettings } from '../../../shared/contracts/te-doen.ts';

export const MAIL_KINDS: readonly MailKind[] = MailKindSchema.options;

function readOptOut(db: Db, userId: number): { email: string | null; optOut: string[] } {
  const row = db.select({ email: users.email, optOut: users.mailOptOut }).from(users).where(eq(users.id, userId)).get();
  return { email: row?.email ?? null, optOut: row?.optOut ?? [] };
}

/** A user's reminder settings: every kind is on unless they switched it off. */
export function readMailSettings(db: Db, userId: number, mailEnabled: boolean): MailSettings {
  const { email, optOut } = readOptOut(db, userId);
  const kinds = Object.fromEntries(MAIL_KINDS.map((k) => [k, !optOut.includes(k)])) as Record<MailKind, boolean>;
  return { mailEnabled, email, kinds };
}

/** Switches kinds on (true) or off (false); kinds not named stay as they were. */
export function writeMailOptOut(db: Db, userId: number, change: Partial<Record<MailKind, boolean>>): void {
  const { optOut } = readOptOut(db, userId);
  const next = new Set(optOut.filter((k) => (MAIL_KINDS as readonly string[]).includes(k)));
  for (const [kind, on] of Object.entries(change)) {
    if (on) next.delete(kind);
    else next.add(kind);
  }
  db.update(users)
    .set({ mailOptOut: MAIL_KINDS.filter((k) => next.has(k)) })
    .where(eq(users.id, userId))
    .run();
}
