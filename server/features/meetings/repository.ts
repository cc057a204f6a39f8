import { and, desc, eq, gte, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { meetingItems, meetings } from '../../../db/schema.ts';
import type { Meeting, MeetingItem } from '../../../shared/contracts/deviations.ts';
import { evaluationMonthOf, monthPeriod, parsePeriod } from '../../../shared/domain/periods.ts';
import { itemCarryLinks } from '../../core/deviations/carry.ts';
import { usernameOf } from '../../core/users/username.ts';

type MeetingRow = Omit<typeof meetings.$inferSelect, 'dvoId' | 'createdBy'> & { createdBy: string };

const meetingColumns = {
  id: meetings.id,
  type: meetings.type,
  date: meetings.date,
  period: meetings.period,
  title: meetings.title,
  attendees: meetings.attendees,
  asOf: meetings.asOf,
  createdAt: meetings.createdAt,
  createdBy: usernameOf(meetings.createdBy),
};

function evaluatedMonth(period: string): string {
  const p = parsePeriod(period);
  if (!p) return period;
  const { year, month } = evaluationMonthOf(p);
  return monthPeriod(year, month);
}

function toMeeting(row: MeetingRow): Meeting {
  return { ...row, evaluatedMonth: evaluatedMonth(row.period) };
}

function selectMeetings(db: Db) {
  return db.select(meetingColumns).from(meetings);
}

/** The meetings of a DVO, newest first (by date, then by opening). */
export function listMeetings(db: Db, dvoId: number): Meeting[] {
  return selectMeetings(db)
    .where(eq(meetings.dvoId, dvoId))
    .orderBy(desc(meetings.date), desc(meetings.asOf), desc(meetings.id))
    .all()
    .map(toMeeting);
}

export function findMeeting(db: Db, dvoId: number, id: number): Meeting | null {
  const row = selectMeetings(db)
    .where(and(eq(meetings.dvoId, dvoId), eq(meetings.id, id)))
    .get();
  return row ? toMeeting(row) : null;
}

/** The meeting opened last before `meeting` (any type): the previous report, for corrections. */
export function previousMeeting(db: Db, dvoId: number, meeting: Meeting): Meeting | null {
  const row = selectMeetings(db)
    .where(
      and(
        eq(meetings.dvoId, dvoId),
        or(lt(meetings.asOf, meeting.asOf), and(eq(meetings.asOf, meeting.asOf), lt(meetings.id, meeting.id))),
      ),
    )
    .orderBy(desc(meetings.asOf), desc(meetings.id))
    .limit(1)
    .get();
  return row ? toMeeting(row) : null;
}

function selectItems(db: Db) {
  return db
    .select({
      id: meetingItems.id,
      kind: meetingItems.kind,
      text: meetingItems.text,
      owner: meetingItems.owner,
      deadline: meetingItems.deadline,
      state: meetingItems.state,
      deviationId: meetingItems.deviationId,
      meetingId: meetingItems.meetingId,
      meetingDate: meetings.date,
      meetingType: meetings.type,
      createdAt: meetingItems.createdAt,
      createdBy: usernameOf(meetingItems.createdBy),
      doneAt: meetingItems.doneAt,
      doneBy: usernameOf(meetingItems.doneBy),
    })
    .from(meetingItems)
    .innerJoin(meetings, eq(meetings.id, meetingItems.meetingId));
}

/**
 * The items of a meeting: those raised in it, and those raised in earlier meetings of the DVO (by
 * date, then opening) that were still open when it was opened, or closed only since. Raised here
 * first, then carried ones from the oldest meeting on.
 */
export function meetingItemsOf(db: Db, dvoId: number, meeting: Meeting): MeetingItem[] {
  const rows = selectItems(db)
    .where(
      and(
        eq(meetingItems.dvoId, dvoId),
        or(
          eq(meetingItems.meetingId, meeting.id),
          and(
            or(lt(meetings.date, meeting.date), and(eq(meetings.date, meeting.date), lt(meetings.id, meeting.id))),
            or(isNull(meetingItems.doneAt), gte(meetingItems.doneAt, meeting.asOf)),
          ),
        ),
      ),
    )
    .orderBy(desc(eq(meetingItems.meetingId, meeting.id)), meetings.date, meetings.id, meetingItems.id)
    .all();
  const carry = itemCarryLinks(db, dvoId);
  return rows.map((row) => ({ ...withState(row), carried: row.meetingId !== meeting.id, ...carry.get(row.id) }));
}

export function findItem(db: Db, dvoId: number, id: number): MeetingItem | null {
  const row = selectItems(db)
    .where(and(eq(meetingItems.dvoId, dvoId), eq(meetingItems.id, id)))
    .get();
  return row ? { ...withState(row), carried: false, ...itemCarryLinks(db, dvoId).get(row.id) } : null;
}

/** Only an action item has a state; a besluit is recorded, not closed (its stored state means nothing). */
function withState<T extends { kind: 'besluit' | 'actiepunt'; state: 'open' | 'done' }>(
  row: T,
): Omit<T, 'state'> & { state: T['state'] | null } {
  return row.kind === 'besluit' ? { ...row, state: null } : row;
}
