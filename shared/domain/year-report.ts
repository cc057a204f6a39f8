/**
 * The Jaarevaluatie in words (interface.md §7): the texts the screen, the PDF and the DOCX show, built
 * once from the `GET /evaluation` answer. Agreements by name, never by catalogue code.
 */

import type { Unit } from '../contracts/catalogue.ts';
import type { EvaluationResponse, EvaluationRow, MeasureEffect } from '../contracts/evaluation.ts';
import { describeNormView, REPORT_LEGEND } from './deviation-report.ts';
import { STATE_LABEL } from './deviation-workflow.ts';
import { agreementLabel, formatDate, formatPeriodLabel, formatValue } from './format-nl.ts';
import { STATUS_LABEL, STATUS_LEGEND, type Status } from './statuses.ts';

export const MONTH_SHORT = [
  'jan',
  'feb',
  'mrt',
  'apr',
  'mei',
  'jun',
  'jul',
  'aug',
  'sep',
  'okt',
  'nov',
  'dec',
] as const;

/** One letter per status for the month strip, so it reads without colour. */
export const STATUS_MARK: Record<Status, string> = {
  on_track: '+',
  attention: '!',
  off_track: '×',
  no_data: '?',
  not_due: '–',
  monitor: 'v',
  qualitative: 'k',
};

export const EFFECT_LABEL: Record<MeasureEffect, string> = {
  improved: 'daarna verbeterd',
  unchanged: 'daarna niet verbeterd',
  worse: 'daarna verslechterd',
  too_early: 'te vroeg om te zeggen',
};

export const YEAR_LEGEND = {
  statuses: STATUS_LEGEND,
  marks: `Maandstrook: ${(Object.keys(STATUS_MARK) as Status[]).map((s) => `${STATUS_MARK[s]} = ${STATUS_LABEL[s]}`).join(', ')}; leeg = nog niet beoordeeld.`,
  prognose:
    'Prognose: het jaar is nog niet om; het jaarresultaat is de realisatie tot nu doorgetrokken naar het hele jaar (bij jaarnormen) of de stand van nu, beoordeeld tegen de norm.',
  definitief: 'Definitief: het jaar is om; het jaarresultaat is de stand over het hele jaar, beoordeeld tegen de norm.',
  margin: REPORT_LEGEND.margin,
  effect:
    'Effect van een maatregel: de status aan het eind van de beoordeelde maanden vergeleken met de maand waarin de maatregel werd vastgelegd.',
} as const;

export interface YearThreadLine {
  id: number;
  state: string;
  since: string;
  toelichting: string;
  maatregel: string;
  effect: string;
}

export interface YearLine {
  /** indicator|segment, unique within the report (for list keys, never shown) */
  key: string;
  chapter: string;
  agreement: string;
  status: Status;
  statusLabel: string;
  /** "prognose" or "definitief" */
  basis: string;
  resultText: string;
  normText: string;
  monthsText: string;
  months: { month: string; status: Status | null; mark: string; label: string }[];
  deviationText: string;
  previousText: string;
  threads: YearThreadLine[];
}

export interface YearChapter {
  name: string;
  counts: { status: Status; label: string; count: number }[];
  offTrack: string[];
  lines: YearLine[];
}

export interface YearReport {
  title: string;
  dvoName: string;
  facts: { label: string; value: string }[];
  basis: string;
  /** Said once when there is no DVO of last year to compare with, rather than on every agreement. */
  previousNote: string | null;
  chapters: YearChapter[];
  legend: typeof YEAR_LEGEND;
}

/** "oktober 2024, november 2024 en december 2024": periods as a reader names them. */
function periodList(periods: readonly string[]): string {
  const labels = periods.map(formatPeriodLabel);
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} en ${labels.at(-1)}`;
}

/** What is missing for a result without a figure, in words; '' when nothing is known to be missing. */
function missingText(periods: readonly string[]): string {
  if (periods.length === 0) return '';
  if (periods.length > 4)
    return `${periods.length} perioden ontbreken, de eerste ${formatPeriodLabel(periods[0] ?? '')}`;
  return `${periodList(periods)} ${periods.length === 1 ? 'ontbreekt' : 'ontbreken'}`;
}

/** The status words of the year report: "volgen" alone reads as an instruction, so a monitored agreement is "gevolgd". */
function yearStatusLabel(status: Status): string {
  return status === 'monitor' ? 'alleen gevolgd' : STATUS_LABEL[status];
}

/**
 * The year result in words (issue #14): a figure where there is one; otherwise what the reader needs
 * instead of a dash: what a milestone did, which quarter's status or which figures are missing.
 */
function resultWords(row: EvaluationRow, unit: Unit | null): string {
  const { result } = row;
  if (result.value !== null) return formatValue(result.value, unit);
  const missing = missingText(result.missingPeriods);
  if (row.kind === 'milestone') {
    const done = result.completedOn ? `gereed op ${formatDate(result.completedOn)}` : 'niet gereed';
    if (result.status === 'not_due') return result.completedOn ? done : 'de deadline is nog niet verstreken';
    if (result.status === 'off_track' && result.completedOn)
      return `te laat gereed, op ${formatDate(result.completedOn)}`;
    return done;
  }
  if (row.kind === 'qualitative') {
    if (result.status === 'not_due') return 'nog geen kwartaal om';
    return missing
      ? `de kwartaalstatus van ${periodList(result.missingPeriods)} ontbreekt`
      : 'status van het laatste kwartaal';
  }
  if (result.status === 'not_due') return 'nog niet aan de orde';
  return missing ? `geen cijfer: ${missing}` : 'geen cijfer';
}

function deviationWords(row: EvaluationRow): string {
  if (row.months.every((m) => m.status === null || m.status === 'monitor')) return 'Alleen gevolgd, zonder norm';
  const months = (n: number) => `${n} ${n === 1 ? 'maand' : 'maanden'}`;
  const parts = [
    row.offTrackMonths > 0 ? `${months(row.offTrackMonths)} in afwijking` : '',
    row.attentionMonths > 0 ? `${months(row.attentionMonths)} in aandacht` : '',
  ].filter(Boolean);
  return parts.length === 0 ? 'Geen maand in afwijking of aandacht' : parts.join(' en ');
}

function previousWords(row: EvaluationRow, answer: EvaluationResponse, unit: Unit | null): string {
  const before = row.previous;
  if (before)
    return before.value === null
      ? `${before.year}: ${yearStatusLabel(before.status)}`
      : `${before.year}: ${formatValue(before.value, unit)} (${yearStatusLabel(before.status)})`;
  if (!answer.previousDvo) return `geen DVO ${answer.year - 1} om mee te vergelijken`;
  return `geen afspraak in ${answer.previousDvo.name} (nieuw of niet gekoppeld)`;
}

function line(row: EvaluationRow, answer: EvaluationResponse): YearLine {
  const unit = row.unit as Unit | null;
  const basis = row.result.final ? 'definitief' : 'prognose';
  const normText = describeNormView({ norm: row.norm, unit, kind: row.kind });
  return {
    key: `${row.indicator}|${row.segment ?? ''}`,
    chapter: row.chapter,
    agreement: agreementLabel(row.name, row.segment),
    status: row.result.status,
    statusLabel: yearStatusLabel(row.result.status),
    basis,
    resultText: `${resultWords(row, unit)} (${basis})`,
    normText: normText === 'volgen' ? 'geen, alleen gevolgd' : normText,
    months: row.months.map((m) => ({
      month: MONTH_SHORT[m.month - 1] as string,
      status: m.status,
      mark: m.status === null ? '' : STATUS_MARK[m.status],
      label: `${MONTH_SHORT[m.month - 1]}: ${m.status === null ? 'nog niet beoordeeld' : STATUS_LABEL[m.status]}`,
    })),
    monthsText: row.months
      .map((m) => `${MONTH_SHORT[m.month - 1]} ${m.status === null ? '·' : STATUS_MARK[m.status]}`)
      .join(' '),
    deviationText: deviationWords(row),
    previousText: previousWords(row, answer, unit),
    threads: row.threads.map((t) => ({
      id: t.id,
      state: STATE_LABEL[t.state],
      since: formatPeriodLabel(t.firstPeriod),
      toelichting: t.toelichting ?? '',
      maatregel: t.maatregel
        ? [
            t.maatregel.text,
            t.maatregel.owner && `eigenaar ${t.maatregel.owner}`,
            t.maatregel.deadline && `deadline ${formatDate(t.maatregel.deadline)}`,
          ]
            .filter(Boolean)
            .join(' · ')
        : 'geen maatregel',
      effect:
        t.effect === null
          ? ''
          : `${EFFECT_LABEL[t.effect]}${t.maatregelOn ? ` (maatregel van ${formatDate(t.maatregelOn)})` : ''}`,
    })),
  };
}

export function buildYearReport(answer: EvaluationResponse, exportedAt: string): YearReport {
  const lines = answer.rows.map((r) => line(r, answer));
  const order = [...answer.chapters, ...lines.map((l) => l.chapter).filter((c) => !answer.chapters.includes(c))];
  const chapters = [...new Set(order)]
    .map((name) => {
      const own = lines.filter((l) => l.chapter === name);
      const counts = STATUS_LEGEND.map((s) => ({
        status: s.status,
        label: s.status === 'monitor' ? yearStatusLabel(s.status) : s.label,
        count: own.filter((l) => l.status === s.status).length,
      })).filter((c) => c.count > 0);
      return {
        name,
        counts,
        offTrack: own.filter((l) => l.status === 'off_track').map((l) => l.agreement),
        lines: own,
      };
    })
    .filter((c) => c.lines.length > 0);
  const basis = answer.final ? 'definitief' : 'prognose';
  return {
    title: `Jaarevaluatie ${answer.year}`,
    dvoName: answer.name,
    facts: [
      { label: 'DVO', value: answer.name },
      {
        label: 'Jaarresultaat',
        value: answer.final
          ? 'definitief (het jaar is om)'
          : `prognose (beoordeeld tot en met ${formatPeriodLabel(`${answer.year}-${String(answer.throughMonth).padStart(2, '0')}`)})`,
      },
      { label: 'Stand', value: answer.asOf ? `zoals bekend op ${formatDate(answer.asOf.slice(0, 10))}` : 'actueel' },
      { label: 'Gemaakt op', value: formatDate(exportedAt.slice(0, 10)) },
    ],
    basis,
    previousNote: answer.previousDvo
      ? null
      : `Er is geen DVO ${answer.year - 1} tussen deze organisaties: er is geen vorig jaar om mee te vergelijken.`,
    chapters,
    legend: YEAR_LEGEND,
  };
}
