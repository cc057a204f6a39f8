import { cachedStatement, type Db } from '../../../db/client.ts';
import type { DeviationEvent, DeviationState, Maatregel } from '../../../shared/contracts/deviations.ts';

/** A deviation thread as stored (now) or as it stood at a moment (from its events). */
export interface ThreadRecord {
  id: number;
  indicatorId: number;
  indicator: string;
  /** null for the total */
  segment: string | null;
  state: DeviationState;
  toelichting: string | null;
  maatregel: Maatregel | null;
  firstPeriod: string;
  lastPeriod: string;
  createdAt: string;
  updatedAt: string;
}

interface ThreadRow {
  id: number;
  indicatorId: number;
  indicator: string;
  segment: string;
  state: DeviationState;
  toelichting: string | null;
  maatregelText: string | null;
  maatregelOwner: string | null;
  maatregelDeadline: string | null;
  firstPeriod: string;
  lastPeriod: string;
  createdAt: string;
  updatedAt: string;
}

function toMaatregel(text: string | null, owner: string | null, deadline: string | null): Maatregel | null {
  return text === null ? null : { text, owner, deadline };
}

function toRecord(row: ThreadRow): ThreadRecord {
  return {
    id: row.id,
    indicatorId: row.indicatorId,
    indicator: row.indicator,
    segment: row.segment === '' ? null : row.segment,
    state: row.state,
    toelichting: row.toelichting,
    maatregel: toMaatregel(row.maatregelText, row.maatregelOwner, row.maatregelDeadline),
    firstPeriod: row.firstPeriod,
    lastPeriod: row.lastPeriod,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const THREAD_COLUMNS = `d.id, d.indicator_id as indicatorId, i.code as indicator, d.segment, d.state, d.toelichting,
  d.maatregel_text as maatregelText, d.maatregel_owner as maatregelOwner, d.maatregel_deadline as maatregelDeadline,
  d.first_period as firstPeriod, d.last_period as lastPeriod, d.created_at as createdAt, d.updated_at as updatedAt`;

/** Every thread of a DVO as it stands now. */
export function loadThreads(db: Db, dvoId: number): ThreadRecord[] {
  const rows = cachedStatement(
    db,
    `select ${THREAD_COLUMNS} from deviations d join indicators i on i.id = d.indicator_id where d.dvo_id = ? order by d.id`,
  ).all(dvoId) as ThreadRow[];
  return rows.map(toRecord);
}

export function findThread(db: Db, dvoId: number, id: number): ThreadRecord | null {
  const row = cachedStatement(
    db,
    `select ${THREAD_COLUMNS} from deviations d join indicators i on i.id = d.indicator_id where d.dvo_id = ? and d.id = ?`,
  ).get(dvoId, id) as ThreadRow | undefined;
  return row ? toRecord(row) : null;
}

/** Every thread of a DVO that existed at `asOf`, with the content of its latest event at or before it. */
export function loadThreadsAsOf(db: Db, dvoId: number, asOf: string): ThreadRecord[] {
  const rows = cachedStatement(
    db,
    `select d.id, d.indicator_id as indicatorId, i.code as indicator, d.segment, e.to_state as state, e.toelichting,
            e.maatregel_text as maatregelText, e.maatregel_owner as maatregelOwner,
            e.maatregel_deadline as maatregelDeadline, e.first_period as firstPeriod, e.last_period as lastPeriod,
            d.created_at as createdAt, e.at as updatedAt
       from deviations d
       join indicators i on i.id = d.indicator_id
       join deviation_events e on e.id = (
              select e2.id from deviation_events e2
               where e2.deviation_id = d.id and e2.at <= ?
               order by e2.at desc, e2.id desc limit 1)
      where d.dvo_id = ?
      order by d.id`,
  ).all(asOf, dvoId) as ThreadRow[];
  return rows.map(toRecord);
}

interface EventRow {
  id: number;
  deviationId: number;
  at: string;
  byUser: string | null;
  type: DeviationEvent['type'];
  fromState: DeviationState | null;
  toState: DeviationState;
  note: string | null;
  toelichting: string | null;
  maatregelText: string | null;
  maatregelOwner: string | null;
  maatregelDeadline: string | null;
  firstPeriod: string;
  lastPeriod: string;
}

/** The events of the threads of a DVO (optionally up to `asOf`), oldest first, per thread. */
export function loadEvents(db: Db, dvoId: number, asOf: string | null): Map<number, DeviationEvent[]> {
  const rows = cachedStatement(
    db,
    `select e.id, e.deviation_id as deviationId, e.at, u.username as byUser, e.type, e.from_state as fromState,
            e.to_state as toState, e.note, e.toelichting, e.maatregel_text as maatregelText,
            e.maatregel_owner as maatregelOwner, e.maatregel_deadline as maatregelDeadline,
            e.first_period as firstPeriod, e.last_period as lastPeriod
       from deviation_events e
       join deviations d on d.id = e.deviation_id
       left join users u on u.id = e.user_id
      where d.dvo_id = ? and e.at <= ?
      order by e.deviation_id, e.at, e.id`,
  ).all(dvoId, asOf ?? '9999') as EventRow[];
  const result = new Map<number, DeviationEvent[]>();
  for (const row of rows) {
    const event: DeviationEvent = {
      id: row.id,
      at: row.at,
      by: row.byUser,
      type: row.type,
      fromState: row.fromState,
      toState: row.toState,
      note: row.note,
      toelichting: row.toelichting,
      maatregel: toMaatregel(row.maatregelText, row.maatregelOwner, row.maatregelDeadline),
      firstPeriod: row.firstPeriod,
      lastPeriod: row.lastPeriod,
    };
    const list = result.get(row.deviationId);
    if (list) list.push(event);
    else result.set(row.deviationId, [event]);
  }
  return result;
}

export interface ThreadContentWrite {
  state: DeviationState;
  toelichting: string | null;
  maatregel: Maatregel | null;
  firstPeriod: string;
  lastPeriod: string;
}

export interface EventWrite {
  at: string;
  userId: number | null;
  type: DeviationEvent['type'];
  fromState: DeviationState | null;
  note: string | null;
}

function insertEvent(db: Db, deviationId: number, content: ThreadContentWrite, event: EventWrite): void {
  cachedStatement(
    db,
    `insert into deviation_events (deviation_id, at, user_id, type, from_state, to_state, note, toelichting,
       maatregel_text, maatregel_owner, maatregel_deadline, first_period, last_period)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    deviationId,
    event.at,
    event.userId,
    event.type,
    event.fromState,
    content.state,
    event.note,
    content.toelichting,
    content.maatregel?.text ?? null,
    content.maatregel?.owner ?? null,
    content.maatregel?.deadline ?? null,
    content.firstPeriod,
    content.lastPeriod,
  );
}

/** A new thread with its first event; call inside a transaction. Returns its id. */
export function insertThread(
  db: Db,
  thread: { dvoId: number; indicatorId: number; segment: string | null } & ThreadContentWrite,
  event: EventWrite,
): number {
  const { lastInsertRowid } = cachedStatement(
    db,
    `insert into deviations (dvo_id, indicator_id, segment, state, toelichting, maatregel_text, maatregel_owner,
       maatregel_deadline, first_period, last_period, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    thread.dvoId,
    thread.indicatorId,
    thread.segment ?? '',
    thread.state,
    thread.toelichting,
    thread.maatregel?.text ?? null,
    thread.maatregel?.owner ?? null,
    thread.maatregel?.deadline ?? null,
    thread.firstPeriod,
    thread.lastPeriod,
    event.at,
    event.at,
  );
  const id = Number(lastInsertRowid);
  insertEvent(db, id, thread, event);
  return id;
}

/** Sets the current content of a thread and appends the event; call inside a transaction. */
export function updateThread(db: Db, id: number, content: ThreadContentWrite, event: EventWrite): void {
  cachedStatement(
    db,
    `update deviations set state = ?, toelichting = ?, maatregel_text = ?, maatregel_owner = ?,
       maatregel_deadline = ?, first_period = ?, last_period = ?, updated_at = ? where id = ?`,
  ).run(
    content.state,
    content.toelichting,
    content.maatregel?.text ?? null,
    content.maatregel?.owner ?? null,
    content.maatregel?.deadline ?? null,
    content.firstPeriod,
    content.lastPeriod,
    event.at,
    id,
  );
  insertEvent(db, id, content, event);
}
