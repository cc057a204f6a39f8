import { z } from 'zod';
import { ASSESSED_STATUSES, STATUSES } from '../domain/statuses.ts';
import { IndicatorKindSchema, UnitSchema } from './catalogue.ts';

export const StatusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof StatusSchema>;

/** A hand-set status can only be one of the judged ones. */
export const AssessedStatusSchema = z.enum(ASSESSED_STATUSES);

export const NormViewSchema = z.object({
  /** min | max | range | monitor | qualitative | milestone */
  kind: z.enum(['min', 'max', 'range', 'monitor', 'qualitative', 'milestone']),
  min: z.number().optional(),
  max: z.number().optional(),
  value: z.number().optional(),
  /**
   * annual (pro-rata path) | period (at the period) | relative (factor × base) | none | deadline |
   * budget (an amount for `budgetYears`, shown beside the spending, not judged)
   */
  basis: z.enum(['annual', 'period', 'relative', 'none', 'deadline', 'budget']),
  /** Human-readable: "DVO art. 7", "Benchmark Cedris 2022 (voorlopige waarde)". */
  source: z.string(),
  placeholder: z.boolean(),
  factor: z.number().optional(),
  baseIndicator: z.string().optional(),
  /** A relative norm on a number that is part of the norm (art. 14: the cohort's intake), and its source. */
  baseName: z.string().optional(),
  baseSource: z.string().optional(),
  budgetYears: z.object({ first: z.number().int(), last: z.number().int() }).optional(),
  /** The norm is a funded capacity (art. 35): a miss means more demand than was funded. */
  capacity: z.boolean().optional(),
  deadline: z.string().nullable().optional(),
  /** The norm version that judged this row (interface.md §7); set on every `/status` row. */
  version: z.number().int().positive().optional(),
  /** Voorlopig: a placeholder such as a benchmark not yet published; set on every `/status` row. */
  provisional: z.boolean().optional(),
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

/** One month of an agreement's course; null where that month has no evaluation or no value. */
export const MonthPointSchema = z.object({
  /** 1–12 */
  month: z.number().int().min(1).max(12),
  actual: z.number().nullable(),
  expected: z.number().nullable(),
  marginLow: z.number().nullable(),
  marginHigh: z.number().nullable(),
  status: StatusSchema.nullable(),
});
export type MonthPoint = z.infer<typeof MonthPointSchema>;

/**
 * `GET /series`: the course of every agreement (and judged segment) of the month, January to
 * December, from the evaluation at each month up to `period` (later months null). One answer for
 * the month screen's sparklines instead of one `/status` per month.
 */
export const StatusSeriesResponseSchema = z.object({
  dvo: z.string(),
  period: z.string(),
  asOf: z.string().nullable(),
  series: z.array(
    z.object({
      indicator: z.string(),
      segment: z.string().nullable(),
      points: z.array(MonthPointSchema).length(12),
    }),
  ),
});
export type StatusSeriesResponse = z.infer<typeof StatusSeriesResponseSchema>;
