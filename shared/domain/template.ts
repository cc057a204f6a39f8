import type { Indicator } from '../contracts/catalogue.ts';
import type { FigureNumbers, FigureValue } from '../contracts/figures.ts';
import { formatPeriod, indicatorPeriods, isDue, type Period, periodsOfYear } from './periods.ts';

/** A row of the delivery template: the numbers stored for it already (so a correction starts from them), with help columns. */
export interface TemplateRow extends FigureNumbers {
  indicator: string;
  name: string;
  unit: string;
  period: string;
  /** '' for the total */
  segment: string;
  kind: Indicator['kind'];
  previousPeriod: string | null;
  previous: FigureValue | null;
}

/** The period of each frequency that a delivery in month `month` is about: this month, its quarter if it ends it, the year in December. */
export function periodsDueInMonth(year: number, month: number): Period[] {
  return (['M', 'Q', 'Y'] as const).flatMap((frequency) =>
    periodsOfYear(frequency, year).filter((p) => isDue(p, year, month) && !isDue(p, year, month - 1)),
  );
}

/**
 * The rows of the delivery template for month `month`: every figure-kind indicator due then, one row
 * per segment (or the total when it has none), with what is stored already and the previous period's
 * figure beside it.
 */
export function buildTemplateRows(
  indicators: readonly Indicator[],
  year: number,
  month: number,
  figures: readonly FigureValue[],
): TemplateRow[] {
  const byKey = new Map(figures.map((f) => [`${f.indicator}|${f.period}|${f.segment ?? ''}`, f]));
  const due = periodsDueInMonth(year, month);
  const rows: TemplateRow[] = [];
  for (const indicator of indicators) {
    if (indicator.kind === 'qualitative' || indicator.kind === 'milestone') continue;
    const period = due.find((p) => indicatorPeriods(indicator, year).some((own) => samePeriod(own, p)));
    if (!period) continue;
    const periodText = formatPeriod(period);
    // a single measurement (`once`) has no previous period to compare with
    const previousPeriod = indicator.frequency === 'once' ? null : previousOf(period);
    const segments = indicator.segments.length > 0 ? indicator.segments : [''];
    for (const segment of segments) {
      const current = byKey.get(`${indicator.code}|${periodText}|${segment}`);
      rows.push({
        indicator: indicator.code,
        name: indicator.name,
        unit: indicator.unit ?? '',
        period: periodText,
        segment,
        kind: indicator.kind,
        value: current?.value ?? null,
        numerator: current?.numerator ?? null,
        denominator: current?.denominator ?? null,
        previousPeriod,
        previous: previousPeriod ? (byKey.get(`${indicator.code}|${previousPeriod}|${segment}`) ?? null) : null,
      });
    }
  }
  return rows;
}

function samePeriod(a: Period, b: Period): boolean {
  return a.type === b.type && a.year === b.year && a.index === b.index;
}

function previousOf(period: Period): string | null {
  if (period.type === 'Y') return null;
  const index = period.index as number;
  if (index === 1) return null;
  return formatPeriod({ ...period, index: index - 1 });
}
