import { z } from 'zod';
import { NormSchema, NormSourceSchema } from './catalogue.ts';
import { StatusSchema } from './status.ts';

/**
 * One version of an agreement's norm (interface.md §7, decision 0021): the norm as the catalogue
 * gives it, its margin and source, whether it is provisional (voorlopig: a placeholder such as a
 * benchmark not yet published), the first month it applies to, why, who and when.
 */
export const NormVersionSchema = z.object({
  indicator: z.string(),
  version: z.number().int().positive(),
  norm: NormSchema,
  /** As in the catalogue: a fraction for counts/euros/fte, points for procent and cijfer; null: none. */
  margin: z.number().nullable(),
  source: NormSourceSchema,
  provisional: z.boolean(),
  /** The first month of the DVO year it applies to, `YYYY-MM`. */
  effectiveFrom: z.string(),
  reason: z.string(),
  /** Username; null for version 1, the catalogue as loaded. */
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});
export type NormVersion = z.infer<typeof NormVersionSchema>;

export const NormVersionListSchema = z.object({
  indicator: z.string(),
  /** Newest first. */
  versions: z.array(NormVersionSchema),
});
export type NormVersionList = z.infer<typeof NormVersionListSchema>;

/** A source as a user gives it: the reference alone, or the full source of the catalogue. */
const NormSourceInputSchema = z.union([
  z.string().max(500),
  NormSourceSchema.omit({ placeholder: true }).partial({ type: true }),
]);

/**
 * `POST …/indicators/:code/norms`. `norm` is checked against the indicator in the service (422 with
 * details), so it is taken as an object here; it may carry `margin` (else the margin stays).
 */
export const NormVersionInputSchema = z.object({
  norm: z.record(z.string(), z.unknown()),
  source: NormSourceInputSchema,
  provisional: z.boolean(),
  effectiveFrom: z.string().max(10).optional(),
  reason: z.string().max(2000),
});
export type NormVersionInput = z.infer<typeof NormVersionInputSchema>;

/** One status of the year that a version changed: month by month, as evaluated just before and after it. */
export const NormEffectChangeSchema = z.object({
  period: z.string(),
  indicator: z.string(),
  segment: z.string().nullable(),
  before: StatusSchema,
  after: StatusSchema,
});
export type NormEffectChange = z.infer<typeof NormEffectChangeSchema>;

export const NormEffectSchema = z.object({
  indicator: z.string(),
  version: z.number().int().positive(),
  recordedAt: z.string(),
  /** The months compared: January up to the month the version was recorded in (December once the year is over). */
  months: z.array(z.string()),
  changes: z.array(NormEffectChangeSchema),
});
export type NormEffect = z.infer<typeof NormEffectSchema>;

/** The answer of a new version: the version itself, and which statuses of the year it changed. */
export const RecordedNormVersionSchema = NormVersionSchema.extend({ effect: NormEffectSchema });
export type RecordedNormVersion = z.infer<typeof RecordedNormVersionSchema>;
