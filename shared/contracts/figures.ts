import { z } from 'zod';
import type { AssessedStatus } from '../domain/statuses.ts';

/**
 * A figure as the evaluation sees it: one value per (indicator, period, segment), the revision that
 * was current at the moment of evaluation. `segment` null is the total. The base of every figure
 * shape: the stored figure adds its toelichting, a revision its stamp, the preview its action.
 */
export const FigureValueSchema = z.object({
  indicator: z.string(),
  period: z.string(),
  segment: z.string().nullable(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
});
export type FigureValue = z.infer<typeof FigureValueSchema>;

/** The numbers of a figure: a value, or for a ratio a numerator and denominator. */
export type FigureNumbers = Pick<FigureValue, 'value' | 'numerator' | 'denominator'>;

/** A figure with its toelichting, as one revision stores it. */
export const StoredFigureSchema = FigureValueSchema.extend({ comment: z.string().nullable() });
export type StoredFigure = z.infer<typeof StoredFigureSchema>;

const { indicator, period, segment, value, numerator, denominator, comment } = StoredFigureSchema.shape;

/** One figure as delivered through `POST /figures` or one row of an import file (after parsing). */
export const FigureInputSchema = z.object({
  indicator: z.string().min(1).max(100),
  period: z.string().min(1).max(40),
  segment: z.string().max(100).nullish(),
  value: z.number().nullish(),
  numerator: z.number().nullish(),
  denominator: z.number().nullish(),
  comment: z.string().max(4000).nullish(),
});
export type FigureInput = z.infer<typeof FigureInputSchema>;

export const FiguresRequestSchema = z.object({ figures: z.array(FigureInputSchema).min(1).max(100_000) });

/** A hand-set quarterly status for a qualitative agreement, or the completion of a milestone. */
export interface Assessment {
  indicator: string;
  /** `YYYY-Qn` for qualitative agreements and recurring milestones; the DVO year for one-off milestones. */
  period: string;
  status: AssessedStatus | null;
  narrative: string | null;
  /** Milestones: the date (YYYY-MM-DD) it was done; null when not done. */
  completedOn: string | null;
}

/** One problem in a delivery; row as Excel shows it (header = row 1), column as named in the file. */
export interface Problem {
  row?: number;
  column?: string;
  message: string;
}

export const RevisionSchema = z.object({
  value,
  numerator,
  denominator,
  comment,
  recordedAt: z.string(),
  /** When a later revision replaced this one; null for the current revision. */
  supersededAt: z.string().nullable(),
  recordedBy: z.string(),
  importId: z.number().int(),
  source: z.enum(['csv', 'xlsx', 'api']),
  filename: z.string().nullable(),
});
export type Revision = z.infer<typeof RevisionSchema>;

/** One (indicator, period, segment) with every revision, newest first: `revisions[0]` is current. */
export const FigureHistorySchema = z.object({
  indicator,
  period,
  segment,
  revisions: z.array(RevisionSchema).min(1),
});
export type FigureHistory = z.infer<typeof FigureHistorySchema>;

export const FiguresResponseSchema = z.object({ figures: z.array(FigureHistorySchema) });
export type FiguresResponse = z.infer<typeof FiguresResponseSchema>;

export const ProblemSchema = z.object({
  row: z.number().int().optional(),
  column: z.string().optional(),
  message: z.string(),
});

/** The answer to an import or `POST /figures`, also for a dry run. */
export const ImportResultSchema = z.object({
  dryRun: z.boolean(),
  /** null for a dry run and when nothing changed. */
  importId: z.number().int().nullable(),
  rows: z.number().int(),
  created: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  /** Template rows left empty (no number, no toelichting): not delivered. */
  skipped: z.number().int(),
  warnings: z.array(ProblemSchema),
  /** Per row what would happen / happened, for the preview. */
  preview: z.array(
    z.object({
      row: z.number().int().optional(),
      ...FigureValueSchema.shape,
      previous: z.number().nullable(),
      action: z.enum(['create', 'change', 'unchanged']),
    }),
  ),
  message: z.string(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const ImportSummarySchema = z.object({
  id: z.number().int(),
  recordedAt: z.string(),
  user: z.string(),
  source: z.enum(['csv', 'xlsx', 'api']),
  filename: z.string().nullable(),
  rows: z.number().int(),
  created: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  warnings: z.array(ProblemSchema),
  /** The periods of the figures this delivery stored (new or changed), in order. */
  periods: z.array(z.string()),
});
export const ImportListSchema = z.object({ imports: z.array(ImportSummarySchema) });
export type ImportList = z.infer<typeof ImportListSchema>;

export const PeriodLockSchema = z.object({
  period: z.string(),
  lockedAt: z.string(),
  lockedBy: z.string(),
});
export const PeriodLockListSchema = z.object({ locks: z.array(PeriodLockSchema) });
export type PeriodLockList = z.infer<typeof PeriodLockListSchema>;
