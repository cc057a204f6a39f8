import type { Db } from '../../../db/client.ts';
import type {
  EvaluationResponse,
  EvaluationRow,
  EvaluationThread,
  MeasureEffect,
} from '../../../shared/contracts/evaluation.ts';
import type { StatusRow } from '../../../shared/contracts/status.ts';
import type { Status } from '../../../shared/domain/statuses.ts';
import { loadEvents, loadThreads, loadThreadsAsOf } from '../deviations/repository.ts';
import { type DvoRecord, findDvo } from '../dvo-access.ts';
import { catalogueAsOf } from '../norms/norms.ts';
import { lastYearDvo, previousAgreements } from '../previous-year.ts';
import { evaluateStatus } from './evaluation.ts';

export interface YearRequest {
  dvo: DvoRecord;
  asOf: string | null;
  now: Date;
}

/** How serious a judged status is; null for statuses that are not a verdict. */
const SEVERITY: Partial<Record<Status, number>> = { on_track: 0, attention: 1, off_track: 2 };

const key = (indicator: string, segment: string | null) => `${indicator}|${segment ?? ''}`;

/**
 * The month up to which a year is evaluated at the reference moment (asOf, else now), and whether
 * the year is over then: after year end every result is final (definitief), before it the year
 * result is the forecast (prognose).
 */
export function evaluatedThrough(year: number, reference: string): { month: number; final: boolean } {
  const day = reference.slice(0, 10);
  if (day > `${year}-12-31`) return { month: 12, final: true };
  if (day < `${year}-01-01`) return { month: 1, final: false };
  return { month: Number(day.slice(5, 7)), final: false };
}

/** The month of the DVO year a moment falls in (clamped to 1–12). */
function monthOfYear(year: number, at: string): number {
  const y = Number(at.slice(0, 4));
  if (y < year) return 1;
  if (y > year) return 13;
  return Number(at.slice(5, 7));
}

/**
 * interface.md §7 Jaarevaluatie: per agreement (and judged segment) the year result against its annual
 * norm, the status of every month, the months in attention/off_track, the deviation threads with
 * their maatregelen and whether they worked, and last year's result where matched.
 */
export function evaluateYear(db: Db, req: YearRequest): EvaluationResponse {
  const { dvo, asOf, now } = req;
  const through = evaluatedThrough(dvo.year, asOf ?? now.toISOString());
  const byMonth: StatusRow[][] = [];
  for (let month = 1; month <= through.month; month++) byMonth.push(evaluateStatus(db, { dvo, month, asOf, now }));
  const statusAt = (month: number, indicator: string, segment: string | null): Status | null =>
    byMonth[month - 1]?.find((r) => r.indicator === indicator && r.segment === segment)?.status ?? null;

  const catalogue = catalogueAsOf(db, dvo, through.month, asOf);
  const definitions = new Map(catalogue.indicators.map((ind) => [ind.code, ind]));
  const threads = asOf === null ? loadThreads(db, dvo.id) : loadThreadsAsOf(db, dvo.id, asOf);
  const events = loadEvents(db, dvo.id, asOf);

  const lastYear = lastYearDvo(db, dvo);
  const matches = previousAgreements(db, dvo, catalogue.indicators);
  const previousRows = new Map<number, StatusRow[]>();
  const previousOf = (indicator: string, segment: string | null): EvaluationRow['previous'] => {
    const match = matches.get(indicator);
    const prev = match ? findDvo(db, match.dvo) : null;
    if (!match || !prev) return null;
    const code = match.code;
    let rows = previousRows.get(prev.id);
    if (!rows) {
      rows = evaluateStatus(db, { dvo: prev, month: 12, asOf, now });
      previousRows.set(prev.id, rows);
    }
    const row = rows.find((r) => r.indicator === code && r.segment === segment);
    return row ? { dvo: prev.slug, year: prev.year, value: row.actual, status: row.status } : null;
  };

  const last = byMonth[through.month - 1] ?? [];
  const rows: EvaluationRow[] = last.map((row) => {
    const definition = definitions.get(row.indicator);
    const months = Array.from({ length: 12 }, (_, i) => ({
      month: i + 1,
      status: i < through.month ? statusAt(i + 1, row.indicator, row.segment) : null,
    }));
    const known = { missingPeriods: row.missingPeriods, completedOn: row.completedOn ?? null };
    const result = through.final
      ? { final: true, value: row.actual, status: row.status, ...known }
      : { final: false, value: row.forecast ?? row.actual, status: row.forecastStatus ?? row.status, ...known };
    const own = threads.filter((t) => key(t.indicator, t.segment) === key(row.indicator, row.segment));
    return {
      indicator: row.indicator,
      segment: row.segment,
      name: definition?.name ?? row.indicator,
      chapter: definition?.chapter ?? '',
      unit: row.unit,
      kind: row.kind,
      norm: row.norm,
      result,
      months,
      attentionMonths: months.filter((m) => m.status === 'attention').length,
      offTrackMonths: months.filter((m) => m.status === 'off_track').length,
      threads: own.map((t): EvaluationThread => {
        const recorded =
          t.maatregel === null
            ? undefined
            : (events.get(t.id) ?? []).find((e) => e.maatregel !== null && e.maatregel.text === t.maatregel?.text);
        const maatregelOn = recorded ? recorded.at.slice(0, 10) : null;
        return {
          id: t.id,
          state: t.state,
          firstPeriod: t.firstPeriod,
          lastPeriod: t.lastPeriod,
          toelichting: t.toelichting,
          maatregel: t.maatregel,
          maatregelOn,
          effect: recorded ? measureEffect(recorded.at) : null,
        };
        function measureEffect(at: string): MeasureEffect {
          const from = monthOfYear(dvo.year, at);
          if (from >= through.month) return 'too_early';
          const before = SEVERITY[statusAt(from, row.indicator, row.segment) ?? 'no_data'];
          const after = SEVERITY[statusAt(through.month, row.indicator, row.segment) ?? 'no_data'];
          if (before === undefined || after === undefined) return 'unchanged';
          return after < before ? 'improved' : after > before ? 'worse' : 'unchanged';
        }
      }),
      previous: previousOf(row.indicator, row.segment),
    };
  });
  return {
    dvo: dvo.slug,
    name: dvo.name,
    year: dvo.year,
    asOf,
    final: through.final,
    throughMonth: through.month,
    chapters: dvo.chapters,
    previousDvo: lastYear ? { slug: lastYear.slug, name: lastYear.name, year: lastYear.year } : null,
    rows,
  };
}
