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

export const IndicatorListSchema = z.object({
  dvo: DvoSummarySchema,
  indicators: z.array(IndicatorSchema),
});
export type IndicatorList = z.infer<typeof IndicatorListSchema>;

export const DvoParamsSchema = z.object({ dvo: z.string().min(1).max(100) });
