import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, inTransaction } from '../../../db/client.ts';
import { meetingItems, meetings } from '../../../db/schema.ts';
import type {
  Meeting,
  MeetingCreateBodySchema,
  MeetingDetail,
  MeetingDeviationsResponse,
  MeetingItem,
  MeetingItemCreateBodySchema,
  MeetingItemPatchBodySchema,
  MeetingPatchBodySchema,
} from '../../../shared/contracts/deviations.ts';
import { selectDeviations } from '../../../shared/domain/statuses.ts';
import { recordAudit } from '../../core/audit.ts';
import { carriedAwayMessage } from '../../core/deviations/carry.ts';
import { loadCorrections } from '../../core/deviations/corrections.ts';
import { findThread } from '../../core/deviations/repository.ts';
import { buildDeviationList, materialiseThreads, requireListPeriod, signalsOf } from '../../core/deviations/service.ts';
import { type DvoRecord, listIndicators } from '../../core/dvo-access.ts';
import { evaluateStatus } from '../../core/evaluation/evaluation.ts';
import { revisionStamp } from '../../core/figures/revision-clock.ts';
import type { AuthUser } from '../../core/users/identity.ts';
import { AppError } from '../../errors.ts';
import { findItem, findMeeting, meetingItemsOf, previousMeeting } from './repository.ts';

export function requireMeeting(db: Db, dvo: DvoRecord, id: number): Meeting {
  const meeting = findMeeting(db, dvo.id, id);
  if (!meeting) throw new AppError('not_found', `Overleg ${id} bestaat niet in deze DVO.`);
  return meeting;
}

/**
 * Opens a meeting: its `asOf` is now, so its deviation list is frozen as the data stood at this
 * moment. The threads of the period are opened or carried on in the same transaction first, so the
 * frozen list has a thread for every row.
 */
export function openMeeting(
  db: Db,
  req: { dvo: DvoRecord; user: AuthUser; body: z.infer<typeof MeetingCreateBodySchema>; now: Date },
): Meeting {
  const { dvo, body } = req;
  const month = requireListPeriod(dvo, body.period);
  const id = inTransaction(db, () => {
    // stamped like a revision: every write that committed before it is in its list, none after it
    const asOf = revisionStamp(db, dvo.id, () => req.now);
    const rows = selectDeviations(evaluateStatus(db, { dvo, month, asOf: null, now: req.now }));
    materialiseThreads(db, { dvo, month, rows, userId: req.user.id, now: req.now });
    const inserted = db
      .insert(meetings)
      .values({
        dvoId: dvo.id,
        type: body.type,
        date: body.date,
        period: body.period,
        title: body.title?.trim() || null,
        attendees: body.attendees,
        asOf,
        createdAt: asOf,
        createdBy: req.user.id,
      })
      .returning({ id: meetings.id })
      .get();
    recordAudit(
      db,
      {
        userId: req.user.id,
        action: 'meeting.open',
        entity: 'meeting',
        entityId: inserted.id,
        after: { dvo: dvo.slug, type: body.type, date: body.date, period: body.period, attendees: body.attendees },
      },
      new Date(asOf),
    );
    return inserted.id;
  });
  return requireMeeting(db, dvo, id);
}

/** Attendees and title can be completed afterwards; the type, period and `asOf` never change. */
export function updateMeeting(
  db: Db,
  req: { dvo: DvoRecord; id: number; user: AuthUser; body: z.infer<typeof MeetingPatchBodySchema>; now: Date },
): Meeting {
  inTransaction(db, () => {
    const before = requireMeeting(db, req.dvo, req.id);
    const title = req.body.title === undefined ? before.title : req.body.title?.trim() || null;
    const attendees = req.body.attendees ?? before.attendees;
    db.update(meetings).set({ title, attendees }).where(eq(meetings.id, req.id)).run();
    recordAudit(
      db,
      {
        userId: req.user.id,
        action: 'meeting.update',
        entity: 'meeting',
        entityId: req.id,
        before: { title: before.title, attendees: before.attendees },
        after: { title, attendees },
      },
      req.now,
    );
  });
  return requireMeeting(db, req.dvo, req.id);
}

export function meetingDetail(db: Db, dvo: DvoRecord, meeting: Meeting): MeetingDetail {
  return {
    meeting,
    items: meetingItemsOf(db, dvo.id, meeting),
    // the same signals as the meeting's own list and exports: up to its period, counted to its opening
    signals: signalsOf(db, {
      dvo,
      month: requireListPeriod(dvo, meeting.period),
      asOf: meeting.asOf,
      now: new Date(meeting.asOf),
    }),
  };
}

/**
 * The deviation list of a meeting exactly as it was discussed: figures and threads as they stood
 * when it was opened; corrections after vaststelling since the previous meeting was opened; its
 * decisions and action items (raised here or carried on) as they stand now; and beside the frozen
 * list, the corrections after vaststelling made since this meeting was opened (`changedSince`).
 */
export function meetingDeviations(
  db: Db,
  req: { dvo: DvoRecord; meeting: Meeting; user: AuthUser; history: boolean; now: Date },
): MeetingDeviationsResponse {
  const previous = previousMeeting(db, req.dvo.id, req.meeting);
  const list = buildDeviationList(db, {
    dvo: req.dvo,
    period: req.meeting.period,
    asOf: req.meeting.asOf,
    now: req.now,
    user: req.user,
    history: req.history,
    correctionsAfter: previous?.asOf ?? null,
  });
  const changedSince = loadCorrections(db, {
    dvo: req.dvo,
    month: Number(list.evaluatedMonth.slice(5, 7)),
    after: req.meeting.asOf,
    until: req.now.toISOString(),
    definitions: new Map(listIndicators(db, req.dvo.id).map((i) => [i.definition.code, i.definition])),
    now: req.now,
  });
  return { ...list, meeting: req.meeting, items: meetingItemsOf(db, req.dvo.id, req.meeting), changedSince };
}

export function addMeetingItem(
  db: Db,
  req: {
    dvo: DvoRecord;
    meeting: Meeting;
    user: AuthUser;
    body: z.infer<typeof MeetingItemCreateBodySchema>;
    now: Date;
  },
): MeetingItem {
  const { body } = req;
  const id = inTransaction(db, () => {
    if (body.deviationId != null && !findThread(db, req.dvo.id, body.deviationId)) {
      throw new AppError('validation_failed', `Afwijking ${body.deviationId} bestaat niet in deze DVO.`, [
        { column: 'deviationId', message: 'onbekende afwijking' },
      ]);
    }
    const at = req.now.toISOString();
    const inserted = db
      .insert(meetingItems)
      .values({
        dvoId: req.dvo.id,
        meetingId: req.meeting.id,
        kind: body.kind,
        text: body.text,
        owner: body.owner ?? null,
        deadline: body.deadline ?? null,
        state: 'open',
        deviationId: body.deviationId ?? null,
        createdAt: at,
        createdBy: req.user.id,
      })
      .returning({ id: meetingItems.id })
      .get();
    recordAudit(
      db,
      { userId: req.user.id, action: 'meeting_item.add', entity: 'meeting_item', entityId: inserted.id, after: body },
      req.now,
    );
    return inserted.id;
  });
  return findItem(db, req.dvo.id, id) as MeetingItem;
}

export function updateMeetingItem(
  db: Db,
  req: { dvo: DvoRecord; id: number; user: AuthUser; body: z.infer<typeof MeetingItemPatchBodySchema>; now: Date },
): MeetingItem {
  inTransaction(db, () => {
    const before = findItem(db, req.dvo.id, req.id);
    if (!before) throw new AppError('not_found', `Besluit of actiepunt ${req.id} bestaat niet in deze DVO.`);
    if (before.carriedTo) throw new AppError('conflict', carriedAwayMessage('Dit actiepunt', before.carriedTo));
    const { body } = req;
    if (before.kind === 'besluit' && body.state !== undefined) {
      throw new AppError(
        'validation_failed',
        'Een besluit wordt vastgelegd, niet afgerond: alleen een actiepunt heeft een stand.',
        [{ column: 'state', message: 'een besluit heeft geen stand' }],
      );
    }
    const state = body.state ?? before.state ?? 'open';
    const closing = state === 'done' && before.state !== 'done';
    const reopening = state === 'open' && before.state === 'done';
    const after = {
      text: body.text ?? before.text,
      owner: body.owner === undefined ? before.owner : body.owner,
      deadline: body.deadline === undefined ? before.deadline : body.deadline,
      state,
    };
    db.update(meetingItems)
      .set({
        ...after,
        ...(closing ? { doneAt: req.now.toISOString(), doneBy: req.user.id } : {}),
        ...(reopening ? { doneAt: null, doneBy: null } : {}),
      })
      .where(eq(meetingItems.id, req.id))
      .run();
    recordAudit(
      db,
      {
        userId: req.user.id,
        action: 'meeting_item.update',
        entity: 'meeting_item',
        entityId: req.id,
        before: { text: before.text, owner: before.owner, deadline: before.deadline, state: before.state },
        after,
      },
      req.now,
    );
  });
  return findItem(db, req.dvo.id, req.id) as MeetingItem;
}
