import { z } from 'zod';
import { IndicatorSchema, OrganisationSchema, PreviousAgreementSchema } from './catalogue.ts';

export const DvoStateSchema = z.enum(['draft', 'active']);
export type DvoState = z.infer<typeof DvoStateSchema>;

export const DvoSummarySchema = z.object({
  slug: z.string(),
  name: z.string(),
  year: z.number().int(),
  opdrachtgever: OrganisationSchema,
  opdrachtnemer: OrganisationSchema,
  chapters: z.array(z.string()),
  /** `draft` until the beheerder activates it (interface.md §7). */
  state: DvoStateSchema,
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

const slugText = z.string().regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'kleine letters, cijfers, - of _');

/** A party to a new DVO: an existing organisation by slug, or a new one (interface.md §7). */
export const OrganisationRefSchema = z.union([slugText, OrganisationSchema]);

/** `POST /api/dvos`: next year's DVO, empty or copied from `from`; it starts as a draft. */
export const CreateDvoRequestSchema = z.object({
  slug: slugText.max(100),
  name: z.string().trim().min(1, 'geef de DVO een naam').max(200),
  year: z.number().int().min(2000).max(2100),
  opdrachtgever: OrganisationRefSchema,
  opdrachtnemer: OrganisationRefSchema,
  from: slugText.max(100).optional(),
});
export type CreateDvoRequest = z.infer<typeof CreateDvoRequestSchema>;

/**
 * The body of `POST /api/dvos`, checked by the route itself so that every problem is answered 422
 * with details (not 400): either the fields above or `{ catalogue }` in the fixtures format.
 */
export const CreateDvoBodySchema = z.record(z.string(), z.unknown());

export const PreviousParamsSchema = DvoParamsSchema.extend({ code: z.string().min(1).max(100) });
/** `PUT /api/dvos/:dvo/indicators/:code/previous`: the matching agreement of last year, or none. */
export const SetPreviousRequestSchema = z.object({ previous: PreviousAgreementSchema.nullable() });

/** `POST /api/dvos/:dvo/activate`: optionally carry last year's open deviations and action items (decision 0025). */
export const ActivateRequestSchema = z.object({ carryOpen: z.boolean().optional() }).strict().nullish();

/** A thread or action item of last year that was not carried, with the reason in Dutch. */
export const NotCarriedSchema = z.object({
  kind: z.enum(['afwijking', 'actiepunt']),
  /** Its id in last year's DVO. */
  id: z.number().int(),
  /** The agreement's code in last year's DVO (null for an action item of no agreement). */
  code: z.string().nullable(),
  /** The agreement's name or the action item's text. */
  name: z.string(),
  reason: z.string(),
});
export type NotCarried = z.infer<typeof NotCarriedSchema>;

export const CarryResultSchema = z.object({
  /** Last year's DVO the open work was taken from. */
  from: z.object({ slug: z.string(), name: z.string(), year: z.number().int() }),
  deviations: z.array(
    z.object({ id: z.number().int(), from: z.number().int(), indicator: z.string(), segment: z.string().nullable() }),
  ),
  actions: z.array(z.object({ id: z.number().int(), from: z.number().int(), text: z.string() })),
  notCarried: z.array(NotCarriedSchema),
});
export type CarryResult = z.infer<typeof CarryResultSchema>;

/** The activated DVO; `carried` only when `carryOpen` was asked. */
export const ActivateResponseSchema = DvoSummarySchema.extend({ carried: CarryResultSchema.optional() });
export type ActivateResponse = z.infer<typeof ActivateResponseSchema>;
