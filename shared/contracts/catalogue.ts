import { z } from 'zod';

/** How a figure behaves over time; see ../shared/spec/domain.md "kind". */
export const IndicatorKindSchema = z.enum(['flow', 'stock', 'ratio', 'score', 'qualitative', 'milestone']);
export type IndicatorKind = z.infer<typeof IndicatorKindSchema>;

/** The type of a period (interface.md §2): M month, Q quarter, Y year. */
export const PeriodTypeSchema = z.enum(['M', 'Q', 'Y']);
export type PeriodType = z.infer<typeof PeriodTypeSchema>;

/**
 * Reporting frequency: M month, Q quarter, Y year, or `once`: a single measurement delivered for the
 * indicator's `duePeriod` (the MTO of art. 6), standing for the rest of the year (interface.md §5).
 */
export const FrequencySchema = z.enum(['M', 'Q', 'Y', 'once']);
export type Frequency = z.infer<typeof FrequencySchema>;

/** The unit decides how a margin is read: relative for counts/euros/fte, points for procent/cijfer. */
export const UnitSchema = z.enum(['aantal', 'procent', 'cijfer', 'fte', 'euro']);
export type Unit = z.infer<typeof UnitSchema>;

const slug = z.string().regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'slug: kleine letters, cijfers, - of _');
/** A segment code; a werkladder movement is a pair of steps written `<from>><to>` (domain.md). */
const segmentCode = z
  .string()
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*(?:>[a-z0-9]+(?:[-_][a-z0-9]+)*)?$/, 'segment: code of <van>><naar>');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'datum als JJJJ-MM-DD');
const periodCode = z.string().regex(/^\d{4}(?:-(?:0[1-9]|1[0-2])|-Q[1-4])?$/, 'periode als JJJJ-MM, JJJJ-Qn of JJJJ');

/** Where a norm comes from, shown beside it in the UI ("waar komt deze norm vandaan"). */
export const NormSourceSchema = z.object({
  type: z.enum(['dvo', 'benchmark', 'addendum', 'begroting']),
  /** e.g. "DVO art. 7", "Cedris Werkladder benchmark 2022". */
  reference: z.string().min(1),
  /** A stand-in value that must be replaced by the real figure (e.g. a national benchmark). */
  placeholder: z.boolean().default(false),
  note: z.string().optional(),
});
export type NormSource = z.infer<typeof NormSourceSchema>;

const twelveWeights = z
  .array(z.number().nonnegative())
  .length(12)
  .refine((w) => w.reduce((a, b) => a + b, 0) > 0, 'de gewichten tellen op tot meer dan 0');

/**
 * The norm of one indicator.
 * - annual: a yearly minimum/maximum for a flow, judged cumulatively against a pro-rata path
 *   (linear, or by 12 monthly weights).
 * - period: a minimum/maximum/range for a stock, ratio or score, judged at the period itself.
 * - relative: factor × a base per segment, for a flow an annual norm on the pro-rata path. The base
 *   is either `baseIndicator` (the value of another indicator, same segment, same year) or
 *   `baseParameter`: numbers per segment that are part of the norm itself, entered with their source
 *   and versioned with it (DVO art. 14: 1/6 of each cohort's intake per year; domain.md "Readings
 *   corrected"). A value of null is not known yet: its rows have no norm (`no_data`).
 * - budget: an amount for more than one year (`firstYear`–`lastYear`, the addendum Groeien oud):
 *   shown beside what was spent to date, never judged on a yearly path.
 * - monitor: shown, never judged. qualitative: a hand-set status each quarter.
 * - milestone: done or not by `deadline` (null: no date, monitored only); `recurring: 'quarterly'`
 *   means a deliverable due `daysAfterQuarterEnd` days after each quarter end.
 */
export const NormSchema = z.union([
  z.object({
    basis: z.literal('annual'),
    kind: z.enum(['min', 'max']),
    value: z.number().nonnegative(),
    weights: twelveWeights.optional(),
  }),
  z.object({ basis: z.literal('period'), kind: z.literal('min'), value: z.number() }),
  z.object({ basis: z.literal('period'), kind: z.literal('max'), value: z.number() }),
  z.object({ basis: z.literal('period'), kind: z.literal('range'), min: z.number(), max: z.number() }),
  z.object({
    basis: z.literal('relative'),
    kind: z.enum(['min', 'max']),
    factor: z.number().positive(),
    baseIndicator: slug,
  }),
  z.object({
    basis: z.literal('relative'),
    kind: z.enum(['min', 'max']),
    factor: z.number().positive(),
    baseParameter: z.object({
      /** What the numbers are, in Dutch: "Instroom in Groeien per cohortjaar". */
      name: z.string().min(1),
      values: z.record(segmentCode, z.number().nonnegative().nullable()),
      /** Where the numbers come from ("Civsam, instroom Groeien 2021–2023"). */
      source: z.string().min(1),
      /** Stand-in numbers until the real ones are entered. */
      placeholder: z.boolean().default(false),
    }),
  }),
  z.object({
    basis: z.literal('budget'),
    kind: z.literal('monitor'),
    value: z.number().nonnegative(),
    firstYear: z.number().int().min(2000).max(2100),
    lastYear: z.number().int().min(2000).max(2100),
  }),
  z.object({ basis: z.literal('none'), kind: z.enum(['monitor', 'qualitative']) }),
  z.object({
    basis: z.literal('deadline'),
    kind: z.literal('milestone'),
    deadline: isoDate.nullable(),
    recurring: z.literal('quarterly').optional(),
    daysAfterQuarterEnd: z.number().int().positive().optional(),
  }),
]);
export type Norm = z.infer<typeof NormSchema>;

/** An agreement of another DVO, by the DVO's slug and the agreement's code. */
export const PreviousAgreementSchema = z.object({ dvo: slug, code: slug });
export type PreviousAgreement = z.infer<typeof PreviousAgreementSchema>;

export const IndicatorSchema = z
  .object({
    code: slug,
    /** DVO article(s) or section, as written in the agreement: "7", "1, 4", "Bijlage 2". */
    article: z.string().min(1),
    chapter: z.string().min(1),
    /** Dutch name as the users say it. */
    name: z.string().min(1),
    description: z.string().optional(),
    kind: IndicatorKindSchema,
    frequency: FrequencySchema,
    /** Frequency `once`: the period the single measurement is delivered for (`2024-Q1`). */
    duePeriod: periodCode.optional(),
    unit: UnitSchema.nullable(),
    /** Segment codes; empty when the indicator has only a total. */
    segments: z.array(segmentCode).default([]),
    /** Each segment is judged against its own norm (art. 14) in addition to the total. */
    normPerSegment: z.boolean().default(false),
    /** Ratios: sum numerators/denominators over the year, or take the latest due period only. */
    aggregate: z.enum(['sum', 'last']).optional(),
    numeratorLabel: z.string().optional(),
    denominatorLabel: z.string().optional(),
    norm: NormSchema,
    /** Fraction for relative units (0.1 = 10%), points for procent (pp) and cijfer; null: no margin. */
    margin: z.number().nonnegative().nullable(),
    source: NormSourceSchema,
    /** Marked `*` in the DVO: also reported to the council through the programme budget. */
    programmabegroting: z.boolean().optional(),
    /**
     * A `max` norm that is the funded capacity (art. 35): a miss means more demand than was funded,
     * not a shortfall of the werkbedrijf, and the UI says so.
     */
    capacity: z.boolean().optional(),
    /**
     * The same agreement in last year's DVO (interface.md §7), for the years side by side; set when a
     * DVO is copied from last year's, editable when a code changed. Absent or null: no match recorded.
     */
    previous: PreviousAgreementSchema.nullable().optional(),
  })
  .superRefine((ind, ctx) => {
    const needsUnit = ind.kind !== 'qualitative' && ind.kind !== 'milestone';
    if (needsUnit && ind.unit === null) ctx.addIssue({ code: 'custom', message: `${ind.code}: eenheid ontbreekt` });
    if (ind.kind === 'ratio' && !ind.aggregate)
      ctx.addIssue({ code: 'custom', message: `${ind.code}: een ratio heeft aggregate 'sum' of 'last'` });
    if (ind.kind !== 'ratio' && ind.aggregate)
      ctx.addIssue({ code: 'custom', message: `${ind.code}: aggregate geldt alleen voor een ratio` });
    if (ind.norm.basis === 'annual' && ind.kind !== 'flow')
      ctx.addIssue({ code: 'custom', message: `${ind.code}: een jaarnorm geldt alleen voor een flow` });
    if (ind.normPerSegment && ind.segments.length === 0)
      ctx.addIssue({ code: 'custom', message: `${ind.code}: normPerSegment zonder segmenten` });
    if ((ind.kind === 'qualitative') !== (ind.norm.basis === 'none' && ind.norm.kind === 'qualitative'))
      ctx.addIssue({ code: 'custom', message: `${ind.code}: kind qualitative hoort bij norm qualitative` });
    if ((ind.kind === 'milestone') !== (ind.norm.basis === 'deadline'))
      ctx.addIssue({ code: 'custom', message: `${ind.code}: kind milestone hoort bij een deadline-norm` });
    if ((ind.frequency === 'once') !== (ind.duePeriod !== undefined))
      ctx.addIssue({
        code: 'custom',
        message: `${ind.code}: frequentie once hoort bij een duePeriod (en alleen daarbij)`,
      });
    if (
      (ind.capacity && !(ind.norm.basis === 'annual' || ind.norm.basis === 'period')) ||
      (ind.capacity && ind.norm.kind !== 'max')
    )
      ctx.addIssue({ code: 'custom', message: `${ind.code}: capacity hoort bij een max-norm` });
    if (ind.norm.basis === 'budget' && ind.kind !== 'flow')
      ctx.addIssue({ code: 'custom', message: `${ind.code}: een budget geldt alleen voor een flow` });
    if (ind.norm.basis === 'budget' && ind.norm.lastYear < ind.norm.firstYear)
      ctx.addIssue({ code: 'custom', message: `${ind.code}: het budget eindigt voor het begint` });
    if (ind.norm.basis === 'relative' && 'baseParameter' in ind.norm) {
      const known = Object.keys(ind.norm.baseParameter.values);
      const expected = ind.normPerSegment ? ind.segments : [];
      if (!ind.normPerSegment || known.length !== expected.length || known.some((s) => !expected.includes(s)))
        ctx.addIssue({
          code: 'custom',
          message: `${ind.code}: baseParameter geeft precies één waarde per segment (normPerSegment)`,
        });
    }
    const judged = !(ind.norm.basis === 'none' || ind.norm.basis === 'deadline' || ind.norm.basis === 'budget');
    if (judged && ind.margin === null) ctx.addIssue({ code: 'custom', message: `${ind.code}: marge ontbreekt` });
  });
export type Indicator = z.infer<typeof IndicatorSchema>;

export const OrganisationSchema = z.object({
  slug,
  name: z.string().min(1),
  type: z.enum(['gemeente', 'werkbedrijf']),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

export const DvoCatalogueSchema = z
  .object({
    slug,
    name: z.string().min(1),
    year: z.number().int().min(2000).max(2100),
    opdrachtgever: OrganisationSchema,
    opdrachtnemer: OrganisationSchema,
    /** Chapter names in the order the DVO gives them. */
    chapters: z.array(z.string().min(1)).min(1),
    indicators: z.array(IndicatorSchema).min(1),
  })
  .superRefine((dvo, ctx) => {
    const codes = new Set<string>();
    for (const ind of dvo.indicators) {
      if (codes.has(ind.code)) ctx.addIssue({ code: 'custom', message: `dubbele indicatorcode ${ind.code}` });
      codes.add(ind.code);
      if (!dvo.chapters.includes(ind.chapter))
        ctx.addIssue({ code: 'custom', message: `${ind.code}: onbekend hoofdstuk ${ind.chapter}` });
    }
    for (const ind of dvo.indicators) {
      if (ind.duePeriod !== undefined && !ind.duePeriod.startsWith(String(dvo.year)))
        ctx.addIssue({ code: 'custom', message: `${ind.code}: duePeriod ${ind.duePeriod} valt buiten het DVO-jaar` });
      if (ind.norm.basis === 'relative' && 'baseIndicator' in ind.norm && !codes.has(ind.norm.baseIndicator))
        ctx.addIssue({ code: 'custom', message: `${ind.code}: basisindicator ${ind.norm.baseIndicator} bestaat niet` });
    }
  });
export type DvoCatalogue = z.infer<typeof DvoCatalogueSchema>;
