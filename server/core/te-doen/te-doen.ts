import { and, asc, eq, gte, isNotNull, lte, sql } from 'drizzle-orm';
import { type Db, preparedQuery } from '../../../db/client.ts';
import { dvos, meetingItems, meetings, users } from '../../../db/schema.ts';
import type {
  TeDoenAction,
  TeDoenDelivery,
  TeDoenDeviation,
  TeDoenMeeting,
  TeDoenResponse,
} from '../../../shared/contracts/te-doen.ts';
import { DELIVERING_ROLES, type DueDelivery, deliveriesDue, isOwnedBy } from '../../../shared/domain/delivery-due.ts';
import { dutchDay } from '../../../shared/domain/periods.ts';
import { itemCarryLinks, threadCarryLinks } from '../deviations/carry.ts';
import { loadThreads } from '../deviations/repository.ts';
import { type DvoRecord, listDvosForUser, listIndicators } from '../dvo-access.ts';
import { loadFigures } from '../figures/read.ts';
import type { Role } from '../users/repository.ts';

/** Who the list is for: the fields of a session user and of a users row alike. */
export interface TeDoenUser {
  id: number;
  username: string;
  role: Role;
  organisationId: number | null;
  email: string | null;
}

/** The fields of a TeDoenUser in the users table. */
export const teDoenUserColumns = {
  id: users.id,
  username: users.username,
  role: users.role,
  organisationId: users.organisationId,
  email: users.email,
};

/** The DVOs the user may see, by the one access rule (dvo-access.ts). */
export function visibleDvos(db: Db, user: TeDoenUser): DvoRecord[] {
  return listDvosForUser(db, user);
}

/** Whether the user delivers this DVO's figures: its opdrachtnemer's staff, and the beheerder. */
export function deliversFor(user: TeDoenUser, dvo: DvoRecord): boolean {
  if (!DELIVERING_ROLES.includes(user.role)) return false;
  // an opdrachtnemer delivers for the DVOs of their own werkbedrijf only
  return user.role !== 'opdrachtnemer' || user.organisationId === dvo.opdrachtnemerId;
}

/** Prepared once: the menu's count of Te doen reads it for every DVO the user sees (decision 0015). */
function selectDueDays(db: Db) {
  return db
    .select({ days: dvos.deliveryDueDays, version: dvos.dataVersion })
    .from(dvos)
    .where(eq(dvos.id, sql.placeholder('dvo')))
    .prepare();
}

/** Per database: the due deliveries of a DVO by data version and day, so the menu count stays cheap. */
const dueCache = new WeakMap<Db, Map<number, { key: string; items: DueDelivery[] }>>();

/** The due and late deliveries of one DVO (decision 0014), for every user alike. */
export function dueDeliveriesOf(db: Db, dvo: DvoRecord, today: string): DueDelivery[] {
  let cache = dueCache.get(db);
  if (!cache) {
    cache = new Map();
    dueCache.set(db, cache);
  }
  const row = preparedQuery(db, selectDueDays).get({ dvo: dvo.id });
  if (!row) return [];
  const key = `${row.version}/${row.days}/${today}`;
  const cached = cache.get(dvo.id);
  if (cached?.key === key) return cached.items;
  const items = deliveriesDue({
    year: dvo.year,
    indicators: listIndicators(db, dvo.id).map((i) => i.definition),
    figures: loadFigures(db, dvo.id, null),
    today,
    dueDays: row.days,
  });
  cache.set(dvo.id, { key, items });
  return items;
}

/** The open deviation threads waiting for this user's side: toelichting (opdrachtnemer), maatregel (opdrachtgever). */
export function waitingDeviations(db: Db, user: TeDoenUser, dvo: DvoRecord): TeDoenDeviation[] {
  const admin = user.role === 'beheerder';
  const writesToelichting = admin || (user.role === 'opdrachtnemer' && user.organisationId === dvo.opdrachtnemerId);
  const writesMaatregel = admin || (user.role === 'opdrachtgever' && user.organisationId === dvo.opdrachtgeverId);
  if (!writesToelichting && !writesMaatregel) return [];
  const names = new Map(listIndicators(db, dvo.id).map((i) => [i.definition.code, i.definition.name]));
  const out: TeDoenDeviation[] = [];
  const carry = threadCarryLinks(db, dvo.id);
  for (const t of loadThreads(db, dvo.id)) {
    // a thread carried on to next year's DVO is waiting there, not here (decision 0025)
    if (t.state === 'afgesloten' || carry.get(t.id)?.carriedTo) continue;
    const carriedFrom = carry.get(t.id)?.carriedFrom;
    const needs =
      writesToelichting && t.toelichting === null
        ? 'toelichting'
        : writesMaatregel && t.maatregel === null
          ? 'maatregel'
          : null;
    if (needs === null) continue;
    out.push({
      dvo: { slug: dvo.slug, name: dvo.name },
      id: t.id,
      indicator: t.indicator,
      name: names.get(t.indicator) ?? t.indicator,
      segment: t.segment,
      state: t.state,
      needs,
      lastPeriod: t.lastPeriod,
      ...(carriedFrom ? { carriedFrom } : {}),
    });
  }
  return out;
}

/** Open action items of a DVO whose owner is this user (shared/domain/delivery-due.ts isOwnedBy). */
export function ownedActions(db: Db, user: TeDoenUser, dvo: DvoRecord, today: string): TeDoenAction[] {
  const rows = db
    .select({
      id: meetingItems.id,
      meetingId: meetingItems.meetingId,
      text: meetingItems.text,
      owner: meetingItems.owner,
      deadline: meetingItems.deadline,
    })
    .from(meetingItems)
    .where(
      and(
        eq(meetingItems.dvoId, dvo.id),
        eq(meetingItems.kind, 'actiepunt'),
        eq(meetingItems.state, 'open'),
        isNotNull(meetingItems.owner),
      ),
    )
    .orderBy(sql`coalesce(${meetingItems.deadline}, '9999-12-31')`, asc(meetingItems.id))
    .all();
  const carry = itemCarryLinks(db, dvo.id);
  return rows
    .filter((r) => !carry.get(r.id)?.carriedTo)
    .flatMap((r) => (r.owner !== null && isOwnedBy(r.owner, user) ? [{ ...r, owner: r.owner }] : []))
    .map((r) => ({
      dvo: { slug: dvo.slug, name: dvo.name },
      id: r.id,
      meetingId: r.meetingId,
      text: r.text,
      owner: r.owner,
      deadline: r.deadline,
      overdue: r.deadline !== null && r.deadline < today,
      ...(carry.get(r.id)?.carriedFrom ? { carriedFrom: carry.get(r.id)?.carriedFrom } : {}),
    }));
}

/** Meetings of a DVO from `from` on (inclusive), by date. */
export function meetingsFrom(db: Db, dvo: DvoRecord, from: string, to?: string): TeDoenMeeting[] {
  const rows = db
    .select({
      id: meetings.id,
      type: meetings.type,
      date: meetings.date,
      period: meetings.period,
      title: meetings.title,
    })
    .from(meetings)
    .where(and(eq(meetings.dvoId, dvo.id), gte(meetings.date, from), lte(meetings.date, to ?? '9999-12-31')))
    .orderBy(asc(meetings.date), asc(meetings.id))
    .all();
  return rows.map((r) => ({ ...r, dvo: { slug: dvo.slug, name: dvo.name } }));
}

const toDelivery = (dvo: DvoRecord, d: DueDelivery): TeDoenDelivery => ({
  dvo: { slug: dvo.slug, name: dvo.name },
  indicator: d.indicator,
  name: d.name,
  period: d.period,
  dueDate: d.dueDate,
  state: d.state,
  daysLeft: d.daysLeft,
});

/** Everything that is this user's to do now (Te doen, issue 15). */
export function buildTeDoen(db: Db, user: TeDoenUser, now: Date): TeDoenResponse {
  const today = dutchDay(now);
  const deliveries: TeDoenDelivery[] = [];
  const deviations: TeDoenDeviation[] = [];
  const actions: TeDoenAction[] = [];
  let meetings: TeDoenMeeting[] = [];
  for (const dvo of visibleDvos(db, user)) {
    if (deliversFor(user, dvo)) for (const d of dueDeliveriesOf(db, dvo, today)) deliveries.push(toDelivery(dvo, d));
    deviations.push(...waitingDeviations(db, user, dvo));
    actions.push(...ownedActions(db, user, dvo, today));
    meetings.push(...meetingsFrom(db, dvo, today));
  }
  deliveries.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  meetings = meetings.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).slice(0, 5);
  return {
    today,
    deliveries,
    deviations,
    actions,
    meetings,
    count: deliveries.length + deviations.length + actions.length,
  };
}

/** A session user with the e-mail address the list needs (owners may be written as an address). */
export function teDoenUserById(db: Db, id: number): TeDoenUser | null {
  const row = db.select(teDoenUserColumns).from(users).where(eq(users.id, id)).get();
  return row ?? null;
}
