import { z } from 'zod';
import { CarriedRefSchema, DeviationStateSchema, MeetingTypeSchema } from './deviations.ts';

const DvoRefSchema = z.object({ slug: z.string(), name: z.string() });

/** A period of an agreement that is due or late and not delivered (decision 0014). */
export const TeDoenDeliverySchema = z.object({
  dvo: DvoRefSchema,
  indicator: z.string(),
  name: z.string(),
  period: z.string(),
  dueDate: z.string(),
  state: z.enum(['open', 'te_laat']),
  /** Days until the due date; negative when late. */
  daysLeft: z.number().int(),
});

/** A deviation thread that waits for this user's side: a toelichting (opdrachtnemer) or a maatregel (opdrachtgever). */
export const TeDoenDeviationSchema = z.object({
  dvo: DvoRefSchema,
  id: z.number().int(),
  indicator: z.string(),
  name: z.string(),
  segment: z.string().nullable(),
  state: DeviationStateSchema,
  needs: z.enum(['toelichting', 'maatregel']),
  lastPeriod: z.string(),
  /** Carried over from last year's DVO at activation (decision 0025). */
  carriedFrom: CarriedRefSchema.optional(),
});

/** An open action item of a meeting whose owner is this user. */
export const TeDoenActionSchema = z.object({
  dvo: DvoRefSchema,
  id: z.number().int(),
  meetingId: z.number().int(),
  text: z.string(),
  owner: z.string(),
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  /** Carried over from last year's DVO at activation (decision 0025); `meetingId` is then a meeting of that DVO. */
  carriedFrom: CarriedRefSchema.optional(),
});

export const TeDoenMeetingSchema = z.object({
  dvo: DvoRefSchema,
  id: z.number().int(),
  type: MeetingTypeSchema,
  date: z.string(),
  period: z.string(),
  title: z.string().nullable(),
});

export const TeDoenResponseSchema = z.object({
  /** The day the list is about (`YYYY-MM-DD`, Dutch time). */
  today: z.string(),
  deliveries: z.array(TeDoenDeliverySchema),
  deviations: z.array(TeDoenDeviationSchema),
  actions: z.array(TeDoenActionSchema),
  /** The next meetings (from today), at most five: shown, not counted. */
  meetings: z.array(TeDoenMeetingSchema),
  /** Deliveries + deviations + actions: what the menu shows. */
  count: z.number().int(),
});
export type TeDoenResponse = z.infer<typeof TeDoenResponseSchema>;
export type TeDoenDelivery = z.infer<typeof TeDoenDeliverySchema>;
export type TeDoenDeviation = z.infer<typeof TeDoenDeviationSchema>;
export type TeDoenAction = z.infer<typeof TeDoenActionSchema>;
export type TeDoenMeeting = z.infer<typeof TeDoenMeetingSchema>;

/** The reminder kinds a user can switch off one by one. */
export const MailKindSchema = z.enum(['levering_binnenkort', 'levering_te_laat', 'actie_verlopen', 'overleg_digest']);
export type MailKind = z.infer<typeof MailKindSchema>;

export const MAIL_KIND_LABEL: Record<MailKind, string> = {
  levering_binnenkort: 'Aanlevering over 3 dagen',
  levering_te_laat: 'Aanlevering te laat',
  actie_verlopen: 'Actiepunt over de deadline',
  overleg_digest: 'Afwijkingenlijst een paar dagen voor een overleg',
};

export const MailSettingsSchema = z.object({
  /** false when the server has no SMTP_URL / MAIL_FROM: nothing is sent. */
  mailEnabled: z.boolean(),
  email: z.string().nullable(),
  /** Per kind: true = this user receives it. */
  kinds: z.record(MailKindSchema, z.boolean()),
});
export type MailSettings = z.infer<typeof MailSettingsSchema>;

export const MailSettingsPatchSchema = z.object({ kinds: z.partialRecord(MailKindSchema, z.boolean()) });
