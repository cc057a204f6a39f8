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
  chapters: YearChapter[];
  legend: typeof YEAR_LEGEND;
}

function line(row: EvaluationRow, year: number): YearLine {
  const unit = row.unit as Unit | null;
  const basis = row.result.final ? 'definitief' : 'prognose';
  return {
    key: `${row.indicator}|${row.segment ?? ''}`,
    chapter: row.chapter,
    agreement: agreementLabel(row.name, row.segment),
    status: row.result.status,
    statusLabel: STATUS_LABEL[row.result.status],
    basis,
    resultText: `${formatValue(row.result.value, unit)} (${basis})`,
    normText: describeNormView({ norm: row.norm, unit, kind: row.kind }),
    months: row.months.map((m) => ({
      month: MONTH_SHORT[m.month - 1] as string,
      status: m.status,
      mark: m.status === null ? '' : STATUS_MARK[m.status],
      label: `${MONTH_SHORT[m.month - 1]}: ${m.status === null ? 'nog niet beoordeeld' : STATUS_LABEL[m.status]}`,
    })),
    monthsText: row.months
      .map((m) => `${MONTH_SHORT[m.month - 1]} ${m.status === null ? '·' : STATUS_MARK[m.status]}`)
      .join(' '),
    deviationText: `${row.offTrackMonths} ${row.offTrackMonths === 1 ? 'maand' : 'maanden'} afwijking, ${row.attentionMonths} aandacht`,
    previousText: row.previous
      ? `${row.previous.year}: ${formatValue(row.previous.value, unit)} (${STATUS_LABEL[row.previous.status]})`
      : `geen afspraak uit ${year - 1} gevonden`,
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
  const lines = answer.rows.map((r) => line(r, answer.year));
  const order = [...answer.chapters, ...lines.map((l) => l.chapter).filter((c) => !answer.chapters.includes(c))];
  const chapters = [...new Set(order)]
    .map((name) => {
      const own = lines.filter((l) => l.chapter === name);
      const counts = STATUS_LEGEND.map((s) => ({
        status: s.status,
        label: s.label,
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
    chapters,
    legend: YEAR_LEGEND,
  };
}
