import { z } from 'zod';
import { RoleSchema } from './session.ts';
import { AssessedStatusSchema } from './status.ts';

/**
 * A hand-set status: a qualitative agreement's status of a quarter with its narrative, or a
 * milestone's done-on date with a note. The rules of what must be filled in are in
 * shared/domain/assessments.ts, read by the form and the server alike.
 */
export const AssessmentBodySchema = z.object({
  status: AssessedStatusSchema.nullable().optional(),
  narrative: z.string().max(8000).nullable().optional(),
  completedOn: z.iso.date().nullable().optional(),
});
export type AssessmentBody = z.infer<typeof AssessmentBodySchema>;

export const AssessmentResultSchema = z.object({
  indicator: z.string(),
  period: z.string(),
  status: AssessedStatusSchema.nullable(),
  narrative: z.string().nullable(),
  completedOn: z.string().nullable(),
  recordedAt: z.string(),
});
export type AssessmentResult = z.infer<typeof AssessmentResultSchema>;

/** One setting in the history of an agreement: what, who (and for which party), when; newest first. */
export const AssessmentEntrySchema = z.object({
  period: z.string(),
  status: AssessedStatusSchema.nullable(),
  narrative: z.string().nullable(),
  completedOn: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  role: RoleSchema,
  organisation: z.string().nullable(),
  /** false once a later setting of the same period replaced it */
  current: z.boolean(),
});
export type AssessmentEntry = z.infer<typeof AssessmentEntrySchema>;

export const AssessmentHistorySchema = z.object({
  indicator: z.string(),
  entries: z.array(AssessmentEntrySchema),
});
export type AssessmentHistory = z.infer<typeof AssessmentHistorySchema>;
