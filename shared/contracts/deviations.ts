import { z } from 'zod';
import { UnitSchema } from './catalogue.ts';
import { StatusRowSchema, StatusSchema } from './status.ts';

// The deviation workflow (issue 6): a thread per deviation (toelichting, maatregel, state, history),
// the meetings that discuss them, and what a report adds (signals, corrections). The row and list
// schemas that combine these with the evaluation live in status.ts (DeviationRowSchema), which
// imports from here; this file imports nothing of status.ts, so there is no import cycle.

/** open → toegelicht → maatregel_afgesproken → besproken | geescaleerd → afgesloten (README of deviations). */
export const DEVIATION_STATES = [
  'open',
  'toegelicht',
  'maatregel_afgesproken',
  'besproken',
  'geescaleerd',
  'afgesloten',
] as const;
export const DeviationStateSchema = z.enum(DEVIATION_STATES);
export type DeviationState = z.infer<typeof DeviationStateSchema>;

const isoDate = z.iso.date();

/** The measure agreed for a deviation: what, who carries it out (eigenaar), and by when. */
export const MaatregelSchema = z.object({
  text: z.string(),
  owner: z.string().nullable(),
  /** `YYYY-MM-DD` */
  deadline: z.string().nullable(),
});
export type Maatregel = z.infer<typeof MaatregelSchema>;

export const DeviationEventTypeSchema = z.enum(['geopend', 'gezien', 'toelichting', 'maatregel', 'status']);

/** One change of a deviation, append-only: who, when, what, and the thread as it stood afterwards. */
export const DeviationEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  /** null for what the system records itself (opened or carried on when a list was evaluated). */
  by: z.string().nullable(),
  type: DeviationEventTypeSchema,
  fromState: DeviationStateSchema.nullable(),
  toState: DeviationStateSchema,
  note: z.string().nullable(),
  toelichting: z.string().nullable(),
  maatregel: MaatregelSchema.nullable(),
  firstPeriod: z.string(),
  lastPeriod: z.string(),
});
export type DeviationEvent = z.infer<typeof DeviationEventSchema>;

/**
 * The other end of a carry-over at a DVO's activation (decision 0025): the thread or action item in last
 * year's DVO a copy was carried from, or the copy in next year's DVO an origin was carried to.
 */
export const CarriedRefSchema = z.object({
  id: z.number().int(),
  dvo: z.string(),
  dvoName: z.string(),
  year: z.number().int(),
});
export type CarriedRef = z.infer<typeof CarriedRefSchema>;

/** Optional on every thread and action item; absent when it was never carried. */
export const carriedFields = {
  /** Carried over from last year's DVO at this DVO's activation. */
  carriedFrom: CarriedRefSchema.optional(),
  /** Carried over to next year's DVO: this one is read-only, the conversation goes on there. */
  carriedTo: CarriedRefSchema.optional(),
};

/** One deviation as a thread, with its whole history (GET and every write on /deviations/:id). */
export const DeviationThreadSchema = z.object({
  id: z.number().int(),
  indicator: z.string(),
  name: z.string(),
  segment: z.string().nullable(),
  state: DeviationStateSchema,
  toelichting: z.string().nullable(),
  maatregel: MaatregelSchema.nullable(),
  /** First and latest evaluated month (`YYYY-MM`) in which it was seen deviating. */
  firstPeriod: z.string(),
  lastPeriod: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the asking user may do next: the states they may move it to. */
  allowedTransitions: z.array(DeviationStateSchema),
  canWriteToelichting: z.boolean(),
  canWriteMaatregel: z.boolean(),
  history: z.array(DeviationEventSchema),
  ...carriedFields,
});
export type DeviationThread = z.infer<typeof DeviationThreadSchema>;

/** Empty texts pass the schema and are refused by the workflow with a Dutch 422, like other input errors. */
export const ToelichtingBodySchema = z.object({ text: z.string().max(4000) });
export const MaatregelBodySchema = z.object({
  text: z.string().max(4000),
  owner: z.string().max(200).nullable().optional(),
  deadline: isoDate.nullable().optional(),
});
export const TransitionBodySchema = z.object({
  to: DeviationStateSchema,
  note: z.string().trim().max(2000).optional(),
});

/** Something a meeting should know that is not a deviation row: a late quarterly report. */
export const SignalSchema = z.object({
  type: z.enum(['rapportage_ontbreekt', 'rapportage_te_laat_ontvangen', 'rapportage_verwacht']),
  severity: z.enum(['off_track', 'attention', 'info']),
  indicator: z.string(),
  name: z.string(),
  /** The quarter the report is about (`YYYY-Qn`). */
  period: z.string(),
  dueDate: z.string(),
  receivedOn: z.string().nullable(),
  /** Days after the due date (received, or up to the reference day); 0 when not late. */
  daysLate: z.number().int(),
  message: z.string(),
});
export type Signal = z.infer<typeof SignalSchema>;

const FigureNumbersSchema = z.object({
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
});

/** A figure of a period that had been vastgesteld (locked), changed after it was reopened. */
export const CorrectionSchema = z.object({
  indicator: z.string(),
  name: z.string(),
  segment: z.string().nullable(),
  period: z.string(),
  unit: UnitSchema.nullable(),
  kind: z.string(),
  old: FigureNumbersSchema,
  new: FigureNumbersSchema,
  changedAt: z.string(),
  changedBy: z.string(),
  /** The toelichting delivered with the new figure. */
  comment: z.string().nullable(),
  /** The period that had been locked, when it was locked and reopened, by whom and why. */
  lockedPeriod: z.string(),
  lockedAt: z.string(),
  unlockedAt: z.string().nullable(),
  unlockedBy: z.string().nullable(),
  unlockReason: z.string().nullable(),
  /**
   * The effect on the year to date at the report's month (total row of the indicator): the actual
   * just before and just after this change; for a flow the difference is the change in the year total.
   */
  yearToDate: z.object({
    month: z.string(),
    before: z.number().nullable(),
    after: z.number().nullable(),
    difference: z.number().nullable(),
  }),
});
export type Correction = z.infer<typeof CorrectionSchema>;

/**
 * A figure of a vastgestelde period that differs now from what it was when the period was first
 * vastgesteld (it was reopened, corrected and perhaps locked again), with what that did to the
 * verdict: the row of the figure's agreement (its segment's own row, else the total) evaluated as
 * the data stood at that first lock and as it stands now.
 */
export const LockChangeSchema = z.object({
  indicator: z.string(),
  name: z.string(),
  segment: z.string().nullable(),
  period: z.string(),
  unit: UnitSchema.nullable(),
  /** The figure at the first lock; null when it had not been delivered then. */
  old: FigureNumbersSchema.nullable(),
  new: FigureNumbersSchema,
  changedAt: z.string(),
  changedBy: z.string(),
  comment: z.string().nullable(),
  /** The evaluated row: the segment of the figure when it has its own row, else null (the total). */
  rowSegment: z.string().nullable(),
  statusBefore: StatusSchema.nullable(),
  statusAfter: StatusSchema.nullable(),
  actualBefore: z.number().nullable(),
  actualAfter: z.number().nullable(),
  statusChanged: z.boolean(),
});
export type LockChange = z.infer<typeof LockChangeSchema>;

/** One vastgestelde period (now or earlier) and its figures changed since it was first vastgesteld. */
export const LockedPeriodChangesSchema = z.object({
  period: z.string(),
  firstLockedAt: z.string(),
  firstLockedBy: z.string(),
  /** Whether it is vastgesteld now, and the current (latest) lock. */
  locked: z.boolean(),
  lockedAt: z.string(),
  lockedBy: z.string(),
  /** The month (YYYY-MM) whose evaluation is compared. */
  evaluatedMonth: z.string(),
  changes: z.array(LockChangeSchema),
});
export type LockedPeriodChanges = z.infer<typeof LockedPeriodChangesSchema>;

/** `GET /periods/changes`: the periods that were ever vastgesteld and overlap the asked period. */
export const LockChangesResponseSchema = z.object({ periods: z.array(LockedPeriodChangesSchema) });
export type LockChangesResponse = z.infer<typeof LockChangesResponseSchema>;

export const MeetingTypeSchema = z.enum(['voortgangsbespreking', 'kwartaaloverleg', 'bestuurlijk_overleg']);
export type MeetingType = z.infer<typeof MeetingTypeSchema>;

export const MeetingSchema = z.object({
  id: z.number().int(),
  type: MeetingTypeSchema,
  /** `YYYY-MM-DD` */
  date: z.string(),
  /** The period discussed: `YYYY-MM` or `YYYY-Qn` (a quarter means its last month). */
  period: z.string(),
  evaluatedMonth: z.string(),
  title: z.string().nullable(),
  attendees: z.array(z.string()),
  /** The moment the meeting was opened: its deviation list is the data as it stood then. */
  asOf: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Meeting = z.infer<typeof MeetingSchema>;

export const MeetingItemKindSchema = z.enum(['besluit', 'actiepunt']);
export const MeetingItemStateSchema = z.enum(['open', 'done']);

/**
 * A decision or action item; open items carry on to every later meeting of the DVO until done. Only an
 * action item has a state (open, done): a besluit is recorded, not closed, so its state is null.
 */
export const MeetingItemSchema = z.object({
  id: z.number().int(),
  kind: MeetingItemKindSchema,
  text: z.string(),
  owner: z.string().nullable(),
  deadline: z.string().nullable(),
  /** `open` or `done` for an actiepunt; null for a besluit. */
  state: MeetingItemStateSchema.nullable(),
  deviationId: z.number().int().nullable(),
  /** The meeting where it was raised. */
  meetingId: z.number().int(),
  meetingDate: z.string(),
  meetingType: MeetingTypeSchema,
  /** true when raised in an earlier meeting and carried on to this one. */
  carried: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
  doneAt: z.string().nullable(),
  doneBy: z.string().nullable(),
  ...carriedFields,
});
export type MeetingItem = z.infer<typeof MeetingItemSchema>;

export const MeetingCreateBodySchema = z.object({
  type: MeetingTypeSchema,
  date: isoDate,
  period: z.string().regex(/^\d{4}-(\d{2}|Q[1-4])$/, 'periode als JJJJ-MM of JJJJ-Qn'),
  title: z.string().trim().max(200).optional(),
  attendees: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
});
export const MeetingPatchBodySchema = z.object({
  title: z.string().trim().max(200).nullable().optional(),
  attendees: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
});
export const MeetingItemCreateBodySchema = z.object({
  kind: MeetingItemKindSchema,
  text: z.string().trim().min(1, 'tekst is leeg').max(4000),
  owner: z.string().trim().min(1).max(200).nullable().optional(),
  deadline: isoDate.nullable().optional(),
  deviationId: z.number().int().positive().nullable().optional(),
});
export const MeetingItemPatchBodySchema = z.object({
  state: MeetingItemStateSchema.optional(),
  text: z.string().trim().min(1, 'tekst is leeg').max(4000).optional(),
  owner: z.string().trim().min(1).max(200).nullable().optional(),
  deadline: isoDate.nullable().optional(),
});

export const MeetingListSchema = z.object({ meetings: z.array(MeetingSchema) });
export type MeetingList = z.infer<typeof MeetingListSchema>;
export const MeetingDetailSchema = z.object({
  meeting: MeetingSchema,
  /** Raised here, plus those of earlier meetings still open when this one was opened (or closed since). */
  items: z.array(MeetingItemSchema),
  signals: z.array(SignalSchema),
});
export type MeetingDetail = z.infer<typeof MeetingDetailSchema>;

/** One row of `GET /deviations`: a status row that needs a conversation, with its thread so far. */
export const DeviationRowSchema = StatusRowSchema.extend({
  name: z.string(),
  chapter: z.string(),
  article: z.string(),
  /** The deviation thread this row belongs to (carried on across months while not closed). */
  deviationId: z.number().int().nullable(),
  state: DeviationStateSchema.nullable(),
  /** The opdrachtnemer's explanation. */
  toelichting: z.string().nullable(),
  maatregel: MaatregelSchema.nullable(),
  /** First and latest evaluated month (`YYYY-MM`) in which the thread was seen deviating. */
  firstPeriod: z.string().nullable(),
  lastPeriod: z.string().nullable(),
  /** Only with `history=true`. */
  history: z.array(DeviationEventSchema).optional(),
  ...carriedFields,
});
export type DeviationRow = z.infer<typeof DeviationRowSchema>;

/** A thread not yet closed whose agreement no longer deviates at this month: ready to be closed. */
export const RecoveredDeviationSchema = z.object({
  deviationId: z.number().int(),
  indicator: z.string(),
  name: z.string(),
  segment: z.string().nullable(),
  status: StatusSchema,
  state: DeviationStateSchema,
  toelichting: z.string().nullable(),
  maatregel: MaatregelSchema.nullable(),
  firstPeriod: z.string(),
  lastPeriod: z.string(),
  ...carriedFields,
});
export type RecoveredDeviation = z.infer<typeof RecoveredDeviationSchema>;

export const DeviationsResponseSchema = z.object({
  dvo: z.string(),
  dvoName: z.string(),
  /** As asked: a month, or a quarter (evaluated at its last month). */
  period: z.string(),
  evaluatedMonth: z.string(),
  asOf: z.string().nullable(),
  /** Rows per status: afwijking, aandacht, geen gegevens. */
  summary: z.object({ off_track: z.number().int(), attention: z.number().int(), no_data: z.number().int() }),
  /** off_track, then attention, then no_data; catalogue order within each. */
  rows: z.array(DeviationRowSchema),
  recovered: z.array(RecoveredDeviationSchema),
  signals: z.array(SignalSchema),
  corrections: z.array(CorrectionSchema),
});
export type DeviationsResponse = z.infer<typeof DeviationsResponseSchema>;

/** `GET /meetings/:id/deviations`: the list as it stood when the meeting was opened, with its items. */
export const MeetingDeviationsResponseSchema = DeviationsResponseSchema.extend({
  meeting: MeetingSchema,
  items: z.array(MeetingItemSchema),
  /**
   * Corrections after vaststelling recorded after the meeting was opened (up to now): beside the
   * frozen list, what has changed since it was discussed.
   */
  changedSince: z.array(CorrectionSchema),
});
export type MeetingDeviationsResponse = z.infer<typeof MeetingDeviationsResponseSchema>;
