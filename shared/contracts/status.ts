import { z } from 'zod';
import { IndicatorKindSchema, UnitSchema } from './catalogue.ts';
import {
  CorrectionSchema,
  DeviationEventSchema,
  DeviationStateSchema,
  MaatregelSchema,
  MeetingItemSchema,
  MeetingSchema,
  SignalSchema,
} from './deviations.ts';

export const StatusSchema = z.enum([
  'on_track',
  'attention',
  'off_track',
  'no_data',
  'not_due',
  'monitor',
  'qualitative',
]);
export type Status = z.infer<typeof StatusSchema>;

/** A hand-set status can only be one of the judged ones. */
export const AssessedStatusSchema = z.enum(['on_track', 'attention', 'off_track']);

export const NormViewSchema = z.object({
  /** min | max | range | monitor | qualitative | milestone */
  kind: z.enum(['min', 'max', 'range', 'monitor', 'qualitative', 'milestone']),
  min: z.number().optional(),
  max: z.number().optional(),
  value: z.number().optional(),
  /** annual (pro-rata path) | period (at the period) | relative (factor × base) | none | deadline */
  basis: z.enum(['annual', 'period', 'relative', 'none', 'deadline']),
  /** Human-readable: "DVO art. 7", "Benchmark Cedris 2022 (voorlopige waarde)". */
  source: z.string(),
  placeholder: z.boolean(),
  factor: z.number().optional(),
  baseIndicator: z.string().optional(),
  deadline: z.string().nullable().optional(),
});
export type NormView = z.infer<typeof NormViewSchema>;

/** One row of `GET /status`, interface.md §5. */
export const StatusRowSchema = z.object({
  indicator: z.string(),
  segment: z.string().nullable(),
  unit: UnitSchema.nullable(),
  kind: IndicatorKindSchema,
  status: StatusSchema,
  actual: z.number().nullable(),
  expected: z.number().nullable(),
  norm: NormViewSchema,
  forecast: z.number().optional(),
  forecastStatus: StatusSchema.optional(),
  missingPeriods: z.array(z.string()),
  /** Qualitative rows: the hand-set narrative of the latest quarter; milestones: when done. */
  narrative: z.string().nullable().optional(),
  completedOn: z.string().nullable().optional(),
  /** Expected lower/upper bound of the margin band at this point (for charts). */
  marginLow: z.number().nullable().optional(),
  marginHigh: z.number().nullable().optional(),
});
export type StatusRow = z.infer<typeof StatusRowSchema>;

export const StatusResponseSchema = z.object({
  dvo: z.string(),
  period: z.string(),
  asOf: z.string().nullable(),
  rows: z.array(StatusRowSchema),
});
export type StatusResponse = z.infer<typeof StatusResponseSchema>;

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
});
export type MeetingDeviationsResponse = z.infer<typeof MeetingDeviationsResponseSchema>;
