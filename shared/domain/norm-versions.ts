/**
 * Norm versions (interface.md §7, decision 0021) as pure rules: which version judges a month as of a
 * moment, and whether a proposed version fits its agreement. The server records and looks up
 * versions with these; the Afspraken form checks its input with the same rules.
 */
import { type Indicator, IndicatorSchema, type Norm, NormSchema, type NormSource } from '../contracts/catalogue.ts';
import type { ErrorDetail } from '../contracts/errors.ts';
import type { NormVersion } from '../contracts/norms.ts';
import { monthPeriod, monthSpan, parsePeriod } from './periods.ts';

/**
 * The version that judges month `month` (`YYYY-MM`) as of `asOf` (ISO time; null: now): the highest
 * version recorded at or before `asOf` whose `effectiveFrom` is at or before that month. Version 1 is
 * the catalogue the DVO was made with, so it holds from the start whenever it was written down (a
 * migrated database stamps it at the migration).
 */
export function pickVersion<V extends Pick<NormVersion, 'version' | 'recordedAt' | 'effectiveFrom'>>(
  versions: readonly V[],
  month: string,
  asOf: string | null,
): V | null {
  let chosen: V | null = null;
  for (const v of versions) {
    const recorded = v.version === 1 || asOf === null || v.recordedAt <= asOf;
    const effective = v.version === 1 || v.effectiveFrom <= month;
    if (recorded && effective && (chosen === null || v.version > chosen.version)) chosen = v;
  }
  return chosen;
}

/** What a user sends for a new version (see NormVersionInputSchema). */
export interface NormVersionProposal {
  norm: Record<string, unknown>;
  source: string | { type?: NormSource['type']; reference: string; note?: string };
  provisional: boolean;
  effectiveFrom?: string;
  reason: string;
}

export interface FitRequest {
  year: number;
  /** The agreement as the catalogue gives it. */
  definition: Indicator;
  /** Its latest version, if any: the margin and source type a proposal may leave out. */
  previous: Pick<NormVersion, 'margin' | 'source'> | null;
  /** Every agreement code of the DVO (the base of a relative norm must be one). */
  codes: ReadonlySet<string>;
  proposal: NormVersionProposal;
}

export interface FittedVersion {
  norm: Norm;
  margin: number | null;
  source: NormSource;
  provisional: boolean;
  effectiveFrom: string;
  reason: string;
}

/** The norm forms that fit each kind of agreement, as a user reads them. */
const FORMS: Record<Indicator['kind'], { bases: Norm['basis'][]; text: string }> = {
  flow: {
    bases: ['annual', 'relative', 'none'],
    text: 'een jaarnorm (minimum of maximum per jaar), een relatieve norm (factor × basisindicator) of geen norm (alleen volgen)',
  },
  stock: {
    bases: ['period', 'relative', 'none'],
    text: 'een minimum, maximum of bandbreedte per periode, een relatieve norm of geen norm (alleen volgen)',
  },
  ratio: {
    bases: ['period', 'relative', 'none'],
    text: 'een minimum, maximum of bandbreedte in procenten per periode, een relatieve norm of geen norm (alleen volgen)',
  },
  score: {
    bases: ['period', 'relative', 'none'],
    text: 'een minimum, maximum of bandbreedte als cijfer, een relatieve norm of geen norm (alleen volgen)',
  },
  qualitative: { bases: ['none'], text: 'een kwalitatieve afspraak (status per kwartaal, geen getal)' },
  milestone: { bases: ['deadline'], text: 'een mijlpaal met een datum (JJJJ-MM-DD) of zonder datum' },
};

const KIND_WORDS: Record<Indicator['kind'], string> = {
  flow: 'een stroom (aantal per periode, opgeteld)',
  stock: 'een stand',
  ratio: 'een percentage',
  score: 'een cijfer',
  qualitative: 'een kwalitatieve afspraak',
  milestone: 'een mijlpaal',
};

function numbersOf(norm: Norm): number[] {
  if (norm.basis === 'annual') return [norm.value];
  if (norm.basis === 'period') return norm.kind === 'range' ? [norm.min, norm.max] : [norm.value];
  return [];
}

function normProblems(req: FitRequest, norm: Norm): ErrorDetail[] {
  const { definition } = req;
  const form = FORMS[definition.kind];
  const problems: ErrorDetail[] = [];
  if (!form.bases.includes(norm.basis)) {
    problems.push({
      column: 'norm.basis',
      message: `Deze norm past niet bij ${KIND_WORDS[definition.kind]}; hier past ${form.text}.`,
    });
    return problems;
  }
  if (norm.basis === 'none' && norm.kind === 'qualitative' && definition.kind !== 'qualitative')
    problems.push({
      column: 'norm.kind',
      message: `Een kwalitatieve norm past niet bij ${KIND_WORDS[definition.kind]}.`,
    });
  if (norm.basis === 'none' && definition.kind === 'qualitative' && norm.kind !== 'qualitative')
    problems.push({ column: 'norm.kind', message: 'Een kwalitatieve afspraak houdt een kwalitatieve norm.' });
  if (norm.basis === 'period' && norm.kind === 'range' && norm.min > norm.max)
    problems.push({ column: 'norm.min', message: 'De ondergrens is hoger dan de bovengrens.' });
  if (norm.basis === 'relative' && 'baseIndicator' in norm) {
    if (!req.codes.has(norm.baseIndicator) || norm.baseIndicator === definition.code)
      problems.push({
        column: 'norm.baseIndicator',
        message: `Basisindicator '${norm.baseIndicator}' is geen andere afspraak van deze DVO.`,
      });
  }
  if (definition.unit === 'procent' && numbersOf(norm).some((n) => n < 0 || n > 100))
    problems.push({ column: 'norm.value', message: 'Een percentage ligt tussen 0 en 100.' });
  if (definition.unit === 'cijfer' && numbersOf(norm).some((n) => n < 1 || n > 10))
    problems.push({ column: 'norm.value', message: 'Een cijfer ligt tussen 1 en 10.' });
  if (definition.unit !== 'procent' && definition.unit !== 'cijfer' && numbersOf(norm).some((n) => n < 0))
    problems.push({ column: 'norm.value', message: 'Een norm voor een aantal, bedrag of fte is niet negatief.' });
  return problems;
}

function sourceOf(req: FitRequest): NormSource {
  const given = req.proposal.source;
  const type =
    (typeof given === 'string' ? undefined : given.type) ?? req.previous?.source.type ?? req.definition.source.type;
  const reference = (typeof given === 'string' ? given : given.reference).trim();
  const note = typeof given === 'string' ? undefined : given.note?.trim() || undefined;
  return { type, reference, placeholder: req.proposal.provisional, ...(note ? { note } : {}) };
}

/**
 * Checks a proposed version against its agreement (the catalogue's own schema included) and fills in
 * what it may leave out: the margin (kept), the source type (kept), `effectiveFrom` (January).
 * Returns every problem at once, each with the field it is about and a Dutch message.
 */
export function fitNormVersion(req: FitRequest): { version: FittedVersion } | { problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  const { margin: givenMargin, ...normInput } = req.proposal.norm;
  let margin = req.previous ? req.previous.margin : req.definition.margin;
  if ('margin' in req.proposal.norm) {
    if (givenMargin === null || (typeof givenMargin === 'number' && Number.isFinite(givenMargin) && givenMargin >= 0))
      margin = givenMargin;
    else problems.push({ column: 'norm.margin', message: 'De marge is een getal van 0 of meer.' });
  }

  const parsed = NormSchema.safeParse(normInput);
  let norm: Norm | null = null;
  if (!parsed.success) {
    problems.push({
      column: 'norm',
      message: `De norm is onvolledig of ongeldig voor ${KIND_WORDS[req.definition.kind]}; hier past ${FORMS[req.definition.kind].text}.`,
    });
  } else {
    norm = parsed.data;
    problems.push(...normProblems(req, norm));
  }

  const source = sourceOf(req);
  if (source.reference === '') problems.push({ column: 'source', message: 'Vul de bron van de norm in.' });

  const effectiveFrom = req.proposal.effectiveFrom?.trim() || monthPeriod(req.year, 1);
  const period = parsePeriod(effectiveFrom);
  if (period?.type !== 'M' || period.year !== req.year)
    problems.push({
      column: 'effectiveFrom',
      message: `Ingangsmaand '${effectiveFrom}' is geen maand van het DVO-jaar ${req.year} (JJJJ-MM).`,
    });

  const reason = req.proposal.reason.trim();
  if (reason === '') problems.push({ column: 'reason', message: 'Geef een reden voor de wijziging.' });

  const judged = norm !== null && norm.basis !== 'none' && norm.basis !== 'deadline';
  if (judged && margin === null)
    problems.push({ column: 'norm.margin', message: 'Een norm die beoordeeld wordt heeft een marge (0 mag).' });

  if (norm !== null && problems.length === 0) {
    // the catalogue's own rules (margin present for a judged norm, annual only for a flow, …)
    const whole = IndicatorSchema.safeParse({ ...req.definition, norm, margin, source });
    if (!whole.success)
      for (const issue of whole.error.issues)
        problems.push({
          column: issue.path.length ? issue.path.join('.') : 'norm',
          message: issue.message.replace(`${req.definition.code}: `, ''),
        });
  }
  if (problems.length > 0 || norm === null) return { problems };
  return { version: { norm, margin, source, provisional: req.proposal.provisional, effectiveFrom, reason } };
}

/**
 * The vastgestelde periods a version effective from `effectiveFrom` would apply to: every locked
 * period of the year that ends in or after that month. A vastgestelde verdict never changes, so such
 * a version is refused (409) until the period is reopened or the version starts later.
 */
export function lockedPeriodsHit(year: number, effectiveFrom: string, locked: readonly string[]): string[] {
  const from = parsePeriod(effectiveFrom);
  if (from?.type !== 'M') return [];
  return locked.filter((text) => {
    const p = parsePeriod(text);
    return p !== null && p.year === year && monthSpan(p).last >= (from.index as number);
  });
}
