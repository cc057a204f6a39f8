import { z } from 'zod';
import { IndicatorSchema, OrganisationSchema } from './catalogue.ts';

export const DvoSummarySchema = z.object({
  slug: z.string(),
  name: z.string(),
  year: z.number().int(),
  opdrachtgever: OrganisationSchema,
  opdrachtnemer: OrganisationSchema,
  chapters: z.array(z.string()),
});
export type DvoSummary = z.infer<typeof DvoSummarySchema>;

export const DvoListSchema = z.object({ dvos: z.array(DvoSummarySchema) });
export type DvoList = z.infer<typeof DvoListSchema>;

/** A catalogue entry with its current (latest) norm version (interface.md §7). */
export const CurrentIndicatorSchema = z.intersection(
  IndicatorSchema,
  z.object({ version: z.number().int().positive(), provisional: z.boolean() }),
);
export type CurrentIndicator = z.infer<typeof CurrentIndicatorSchema>;

export const IndicatorListSchema = z.object({
  dvo: DvoSummarySchema,
  indicators: z.array(CurrentIndicatorSchema),
});
export type IndicatorList = z.infer<typeof IndicatorListSchema>;

export const DvoParamsSchema = z.object({ dvo: z.string().min(1).max(100) });
