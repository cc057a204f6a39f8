import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema.ts';
import type { MailKind } from '../../../shared/contracts/te-doen.ts';
import { type DueDelivery, daysBetween } from '../../../shared/domain/delivery-due.ts';
import { addDays, dutchDay } from '../../../shared/domain/periods.ts';
import { buildDeviationList } from '../deviations/service.ts';
import {
  deliversFor,
  dueDeliveriesOf,
  meetingsFrom,
  ownedActions,
  type TeDoenUser,
  teDoenUserColumns,
  visibleDvos,
} from '../te-doen/te-doen.ts';
import { actionMail, deliveryMail, digestMail, type MailMessage } from './messages.ts';

/** A delivery reminder goes out when the due date is this many days away or closer (issue 15: "due in 3 days"). */
export const DUE_SOON_DAYS = 3;
/**
 * Late deliveries and overdue actions are mailed while they became late at most this many days ago:
 * a mail says something new; older ones stay on Te doen (a server started in a year with a backlog
 * does not send a mail for every month of it).
 */
export const LATE_WINDOW_DAYS = 14;
/** The digest goes out this many days before a meeting (or later, up to the day itself). */
export const DIGEST_DAYS_BEFORE = 3;

interface MailUser extends TeDoenUser {
  email: string;
  optOut: Set<string>;
}

/** The enabled users with an e-mail address, by id. */
function mailUsers(db: Db): MailUser[] {
  const rows = db
    .select({ ...teDoenUserColumns, optOut: users.mailOptOut })
    .from(users)
    .where(and(eq(users.disabled, false), ne(sql`trim(${users.email})`, '')))
    .orderBy(asc(users.id))
    .all();
  return rows.flatMap(({ email, optOut, ...user }) =>
    email === null ? [] : [{ ...user, email: email.trim(), optOut: new Set(optOut) }],
  );
}

function groupByDueDate(items: readonly DueDelivery[]): Map<string, DueDelivery[]> {
  const groups = new Map<string, DueDelivery[]>();
  for (const d of items) {
    const list = groups.get(d.dueDate);
    if (list) list.push(d);
    else groups.set(d.dueDate, [d]);
  }
  return groups;
}

/**
 * Every reminder that should exist now (decision 0014). Each has a dedupe key; the send log keeps
 * each key once, so computing them again (every round, after a restart, in a second process) adds
 * nothing. Users without an e-mail address, disabled users and kinds a user switched off get none.
 */
export function collectReminders(db: Db, now: Date, appUrl: string): MailMessage[] {
  const today = dutchDay(now);
  const out: MailMessage[] = [];
  const wants = (u: MailUser, kind: MailKind) => !u.optOut.has(kind);
  const digests = new Map<number, ReturnType<typeof buildDeviationList>['rows']>();
  for (const user of mailUsers(db)) {
    const to = { id: user.id, email: user.email };
    for (const dvo of visibleDvos(db, user)) {
      const ref = { slug: dvo.slug, name: dvo.name };
      // the beheerder sees every DVO's deliveries on Te doen, but the mails go to who delivers
      if (user.role !== 'beheerder' && deliversFor(user, dvo)) {
        const due = dueDeliveriesOf(db, dvo, today);
        if (wants(user, 'levering_binnenkort')) {
          const soon = due.filter((d) => d.state === 'open' && d.daysLeft <= DUE_SOON_DAYS);
          for (const [date, items] of groupByDueDate(soon))
            out.push(deliveryMail('levering_binnenkort', to, ref, date, items, appUrl));
        }
        if (wants(user, 'levering_te_laat')) {
          const late = due.filter((d) => d.state === 'te_laat' && -d.daysLeft <= LATE_WINDOW_DAYS);
          for (const [date, items] of groupByDueDate(late))
            out.push(deliveryMail('levering_te_laat', to, ref, date, items, appUrl));
        }
      }
      if (wants(user, 'actie_verlopen')) {
        for (const action of ownedActions(db, user, dvo, today)) {
          if (action.overdue && daysBetween(action.deadline as string, today) <= LATE_WINDOW_DAYS)
            out.push(actionMail(to, action, appUrl));
        }
      }
      if (wants(user, 'overleg_digest')) {
        for (const meeting of meetingsFrom(db, dvo, today, addDays(today, DIGEST_DAYS_BEFORE))) {
          let rows = digests.get(meeting.id);
          if (!rows) {
            // as the data stands now, read only: the mailer opens no threads (decision 0008)
            rows = buildDeviationList(db, {
              dvo,
              period: meeting.period,
              asOf: now.toISOString(),
              now,
              user: {
                id: user.id,
                username: user.username,
                role: user.role,
                organisationId: user.organisationId,
                organisationSlug: null,
                organisationName: null,
                via: 'token',
                csrfToken: null,
                sessionExpiresAt: null,
              },
              history: false,
              correctionsAfter: null,
            }).rows;
            digests.set(meeting.id, rows);
          }
          out.push(digestMail(to, meeting, rows, appUrl));
        }
      }
    }
  }
  return out;
}
