import { z } from 'zod';

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

/**
 * A figure as the evaluation sees it: one value per (indicator, period, segment), the revision that
 * was current at the moment of evaluation. `segment` null is the total.
 */
export interface FigureValue {
  indicator: string;
  period: string;
  segment: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** A hand-set quarterly status for a qualitative agreement, or the completion of a milestone. */
export interface Assessment {
  indicator: string;
  /** `YYYY-Qn` for qualitative agreements and recurring milestones; the DVO year for one-off milestones. */
  period: string;
  status: 'on_track' | 'attention' | 'off_track' | null;
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
