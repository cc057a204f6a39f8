import { and, desc, eq, lte } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client.ts';
import { deviationEvents, deviations, indicators } from '../../../db/schema.ts';
import type { DeviationEvent, DeviationState, Maatregel } from '../../../shared/contracts/deviations.ts';
import { usernameOf } from '../users/username.ts';

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

function toMaatregel(text: string | null, owner: string | null, deadline: string | null): Maatregel | null {
  return text === null ? null : { text, owner, deadline };
}

type ThreadRow = Pick<
  typeof deviations.$inferSelect,
  | 'id'
  | 'indicatorId'
  | 'segment'
  | 'state'
  | 'toelichting'
  | 'maatregelText'
  | 'maatregelOwner'
  | 'maatregelDeadline'
  | 'firstPeriod'
  | 'lastPeriod'
  | 'createdAt'
  | 'updatedAt'
> & { indicator: string };

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

const threadColumns = {
  id: deviations.id,
  indicatorId: deviations.indicatorId,
  indicator: indicators.code,
  segment: deviations.segment,
  state: deviations.state,
  toelichting: deviations.toelichting,
  maatregelText: deviations.maatregelText,
  maatregelOwner: deviations.maatregelOwner,
  maatregelDeadline: deviations.maatregelDeadline,
  firstPeriod: deviations.firstPeriod,
  lastPeriod: deviations.lastPeriod,
  createdAt: deviations.createdAt,
  updatedAt: deviations.updatedAt,
};

/** Every thread of a DVO as it stands now. */
export function loadThreads(db: Db, dvoId: number): ThreadRecord[] {
  return db
    .select(threadColumns)
    .from(deviations)
    .innerJoin(indicators, eq(indicators.id, deviations.indicatorId))
    .where(eq(deviations.dvoId, dvoId))
    .orderBy(deviations.id)
    .all()
    .map(toRecord);
}

export function findThread(db: Db, dvoId: number, id: number): ThreadRecord | null {
  const row = db
    .select(threadColumns)
    .from(deviations)
    .innerJoin(indicators, eq(indicators.id, deviations.indicatorId))
    .where(and(eq(deviations.dvoId, dvoId), eq(deviations.id, id)))
    .get();
  return row ? toRecord(row) : null;
}

/** What a thread holds after an event: its content is stored with every event (history and `asOf`). */
const eventContent = {
  toelichting: deviationEvents.toelichting,
  maatregelText: deviationEvents.maatregelText,
  maatregelOwner: deviationEvents.maatregelOwner,
  maatregelDeadline: deviationEvents.maatregelDeadline,
  firstPeriod: deviationEvents.firstPeriod,
  lastPeriod: deviationEvents.lastPeriod,
};

/** Every thread of a DVO that existed at `asOf`, with the content of its latest event at or before it. */
export function loadThreadsAsOf(db: Db, dvoId: number, asOf: string): ThreadRecord[] {
  const later = alias(deviationEvents, 'e2');
  const latestEvent = db
    .select({ id: later.id })
    .from(later)
    .where(and(eq(later.deviationId, deviations.id), lte(later.at, asOf)))
    .orderBy(desc(later.at), desc(later.id))
    .limit(1);
  return db
    .select({
      id: deviations.id,
      indicatorId: deviations.indicatorId,
      indicator: indicators.code,
      segment: deviations.segment,
      state: deviationEvents.toState,
      ...eventContent,
      createdAt: deviations.createdAt,
      updatedAt: deviationEvents.at,
    })
    .from(deviations)
    .innerJoin(indicators, eq(indicators.id, deviations.indicatorId))
    .innerJoin(deviationEvents, eq(deviationEvents.id, latestEvent))
    .where(eq(deviations.dvoId, dvoId))
    .orderBy(deviations.id)
    .all()
    .map(toRecord);
}

/** The events of the threads of a DVO (optionally up to `asOf`), oldest first, per thread. */
export function loadEvents(db: Db, dvoId: number, asOf: string | null): Map<number, DeviationEvent[]> {
  const rows = db
    .select({
      id: deviationEvents.id,
      deviationId: deviationEvents.deviationId,
      at: deviationEvents.at,
      byUser: usernameOf(deviationEvents.userId),
      type: deviationEvents.type,
      fromState: deviationEvents.fromState,
      toState: deviationEvents.toState,
      note: deviationEvents.note,
      ...eventContent,
    })
    .from(deviationEvents)
    .innerJoin(deviations, eq(deviations.id, deviationEvents.deviationId))
    .where(and(eq(deviations.dvoId, dvoId), lte(deviationEvents.at, asOf ?? '9999')))
    .orderBy(deviationEvents.deviationId, deviationEvents.at, deviationEvents.id)
    .all();
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

function maatregelColumns(maatregel: Maatregel | null) {
  return {
    maatregelText: maatregel?.text ?? null,
    maatregelOwner: maatregel?.owner ?? null,
    maatregelDeadline: maatregel?.deadline ?? null,
  };
}

function insertEvent(db: Db, deviationId: number, content: ThreadContentWrite, event: EventWrite): void {
  db.insert(deviationEvents)
    .values({
      deviationId,
      at: event.at,
      userId: event.userId,
      type: event.type,
      fromState: event.fromState,
      toState: content.state,
      note: event.note,
      toelichting: content.toelichting,
      ...maatregelColumns(content.maatregel),
      firstPeriod: content.firstPeriod,
      lastPeriod: content.lastPeriod,
    })
    .run();
}

/** A new thread with its first event; call inside a transaction. Returns its id. */
export function insertThread(
  db: Db,
  thread: { dvoId: number; indicatorId: number; segment: string | null; carriedFromId?: number } & ThreadContentWrite,
  event: EventWrite,
): number {
  const { id } = db
    .insert(deviations)
    .values({
      dvoId: thread.dvoId,
      indicatorId: thread.indicatorId,
      segment: thread.segment ?? '',
      state: thread.state,
      toelichting: thread.toelichting,
      ...maatregelColumns(thread.maatregel),
      firstPeriod: thread.firstPeriod,
      lastPeriod: thread.lastPeriod,
      createdAt: event.at,
      updatedAt: event.at,
      carriedFromId: thread.carriedFromId ?? null,
    })
    .returning({ id: deviations.id })
    .get();
  insertEvent(db, id, thread, event);
  return id;
}

/** Sets the current content of a thread and appends the event; call inside a transaction. */
export function updateThread(db: Db, id: number, content: ThreadContentWrite, event: EventWrite): void {
  db.update(deviations)
    .set({
      state: content.state,
      toelichting: content.toelichting,
      ...maatregelColumns(content.maatregel),
      firstPeriod: content.firstPeriod,
      lastPeriod: content.lastPeriod,
      updatedAt: event.at,
    })
    .where(eq(deviations.id, id))
    .run();
  insertEvent(db, id, content, event);
}
