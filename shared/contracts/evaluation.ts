import { z } from 'zod';
import { DeviationStateSchema, MaatregelSchema } from './deviations.ts';
import { NormViewSchema, StatusSchema } from './status.ts';

/** Whether a measure was followed by a better status (interface.md §7 Jaarevaluatie). */
export const MeasureEffectSchema = z.enum(['improved', 'unchanged', 'worse', 'too_early']);
export type MeasureEffect = z.infer<typeof MeasureEffectSchema>;

export const EvaluationThreadSchema = z.object({
  id: z.number().int(),
  state: DeviationStateSchema,
  firstPeriod: z.string(),
  lastPeriod: z.string(),
  toelichting: z.string().nullable(),
  maatregel: MaatregelSchema.nullable(),
  /** The day the (current) maatregel was first recorded; null without one. */
  maatregelOn: z.string().nullable(),
  /** The status at the end of the evaluated months compared with the month the maatregel was recorded. */
  effect: MeasureEffectSchema.nullable(),
});
export type EvaluationThread = z.infer<typeof EvaluationThreadSchema>;

export const EvaluationRowSchema = z.object({
  indicator: z.string(),
  segment: z.string().nullable(),
  name: z.string(),
  chapter: z.string(),
  unit: z.string().nullable(),
  kind: z.string(),
  norm: NormViewSchema,
  /** The year result: final (definitief) after year end, otherwise the forecast (prognose). */
  result: z.object({
    final: z.boolean(),
    value: z.number().nullable(),
    status: StatusSchema,
    /** What the result lacks (no_data) or was judged without (a monitored agreement), as periods. */
    missingPeriods: z.array(z.string()),
    /** A milestone: the day it was done, or null. */
    completedOn: z.string().nullable(),
  }),
  /** Month 1–12: the status judged at that month; null for months not yet evaluated. */
  months: z.array(z.object({ month: z.number().int().min(1).max(12), status: StatusSchema.nullable() })).length(12),
  attentionMonths: z.number().int(),
  offTrackMonths: z.number().int(),
  threads: z.array(EvaluationThreadSchema),
  /**
   * Last year's result of the matching agreement (its `previous`, decision 0026), or null when it has
   * none: no DVO last year, no agreement with that code, or recorded as new (`previous: null`).
   */
  previous: z
    .object({ dvo: z.string(), year: z.number().int(), value: z.number().nullable(), status: StatusSchema })
    .nullable(),
});
export type EvaluationRow = z.infer<typeof EvaluationRowSchema>;

export const EvaluationResponseSchema = z.object({
  dvo: z.string(),
  name: z.string(),
  year: z.number().int(),
  asOf: z.string().nullable(),
  /** True once the year is over at the reference moment: every result is final. */
  final: z.boolean(),
  /** The last month evaluated (1–12). */
  throughMonth: z.number().int().min(1).max(12),
  chapters: z.array(z.string()),
  /** Last year's DVO of the same organisations, or null when there is none to compare with. */
  previousDvo: z.object({ slug: z.string(), name: z.string(), year: z.number().int() }).nullable(),
  rows: z.array(EvaluationRowSchema),
});
export type EvaluationResponse = z.infer<typeof EvaluationResponseSchema>;
