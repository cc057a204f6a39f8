import { cachedStatement, type Db } from '../../../db/client.ts';
import type { Meeting, MeetingItem, MeetingType } from '../../../shared/contracts/deviations.ts';
import { evaluationMonthOf, monthPeriod, parsePeriod } from '../../../shared/domain/periods.ts';

interface MeetingRow {
  id: number;
  type: MeetingType;
  date: string;
  period: string;
  title: string | null;
  attendees: string;
  asOf: string;
  createdAt: string;
  createdBy: string;
}

const MEETING_COLUMNS = `m.id, m.type, m.date, m.period, m.title, m.attendees, m.as_of as asOf, m.created_at as createdAt,
  u.username as createdBy`;

function evaluatedMonth(period: string): string {
  const p = parsePeriod(period);
  if (!p) return period;
  const { year, month } = evaluationMonthOf(p);
  return monthPeriod(year, month);
}

function toMeeting(row: MeetingRow): Meeting {
  return {
    id: row.id,
    type: row.type,
    date: row.date,
    period: row.period,
    evaluatedMonth: evaluatedMonth(row.period),
    title: row.title,
    attendees: JSON.parse(row.attendees) as string[],
    asOf: row.asOf,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
  };
}

/** The meetings of a DVO, newest first (by date, then by opening). */
export function listMeetings(db: Db, dvoId: number): Meeting[] {
  const rows = cachedStatement(
    db,
    `select ${MEETING_COLUMNS} from meetings m join users u on u.id = m.created_by
      where m.dvo_id = ? order by m.date desc, m.as_of desc, m.id desc`,
  ).all(dvoId) as MeetingRow[];
  return rows.map(toMeeting);
}

export function findMeeting(db: Db, dvoId: number, id: number): Meeting | null {
  const row = cachedStatement(
    db,
    `select ${MEETING_COLUMNS} from meetings m join users u on u.id = m.created_by where m.dvo_id = ? and m.id = ?`,
  ).get(dvoId, id) as MeetingRow | undefined;
  return row ? toMeeting(row) : null;
}

/** The meeting opened last before `meeting` (any type): the previous report, for corrections. */
export function previousMeeting(db: Db, dvoId: number, meeting: Meeting): Meeting | null {
  const row = cachedStatement(
    db,
    `select ${MEETING_COLUMNS} from meetings m join users u on u.id = m.created_by
      where m.dvo_id = ? and (m.as_of < ? or (m.as_of = ? and m.id < ?))
      order by m.as_of desc, m.id desc limit 1`,
  ).get(dvoId, meeting.asOf, meeting.asOf, meeting.id) as MeetingRow | undefined;
  return row ? toMeeting(row) : null;
}

interface ItemRow {
  id: number;
  kind: MeetingItem['kind'];
  text: string;
  owner: string | null;
  deadline: string | null;
  state: MeetingItem['state'];
  deviationId: number | null;
  meetingId: number;
  meetingDate: string;
  meetingType: MeetingType;
  createdAt: string;
  createdBy: string;
  doneAt: string | null;
  doneBy: string | null;
}

const ITEM_SELECT = `select i.id, i.kind, i.text, i.owner, i.deadline, i.state, i.deviation_id as deviationId,
       i.meeting_id as meetingId, m.date as meetingDate, m.type as meetingType, i.created_at as createdAt,
       cu.username as createdBy, i.done_at as doneAt, du.username as doneBy
  from meeting_items i
  join meetings m on m.id = i.meeting_id
  join users cu on cu.id = i.created_by
  left join users du on du.id = i.done_by`;

/**
 * The items of a meeting: those raised in it, and those raised in earlier meetings of the DVO (by
 * date, then opening) that were still open when it was opened, or closed only since. Raised here
 * first, then carried ones from the oldest meeting on.
 */
export function meetingItemsOf(db: Db, dvoId: number, meeting: Meeting): MeetingItem[] {
  const rows = cachedStatement(
    db,
    `${ITEM_SELECT}
      where i.dvo_id = ? and (
            i.meeting_id = ?
         or ((m.date < ? or (m.date = ? and m.id < ?)) and (i.done_at is null or i.done_at >= ?)))
      order by (i.meeting_id = ?) desc, m.date, m.id, i.id`,
  ).all(dvoId, meeting.id, meeting.date, meeting.date, meeting.id, meeting.asOf, meeting.id) as ItemRow[];
  return rows.map((row) => ({ ...row, carried: row.meetingId !== meeting.id }));
}

export function findItem(db: Db, dvoId: number, id: number): MeetingItem | null {
  const row = cachedStatement(db, `${ITEM_SELECT} where i.dvo_id = ? and i.id = ?`).get(dvoId, id) as
    | ItemRow
    | undefined;
  return row ? { ...row, carried: false } : null;
}
