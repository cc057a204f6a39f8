import type { FigureHistory } from '../../../../../shared/contracts/figures.ts';
import type { Status, StatusRow } from '../../../../../shared/contracts/status.ts';
import { revisionAt } from './figures.ts';

// The kwartaaloverleg as data: deviations first, verzuim per month against its benchmark, beschut
// against its band.

const DEVIATION_ORDER: Partial<Record<Status, number>> = { off_track: 0, attention: 1, no_data: 2 };

/**
 * The rows the kwartaaloverleg discusses first: afwijking, then aandacht, then geen gegevens (the
 * same selection as GET /deviations), in catalogue order within each status.
 */
export function deviationsOf(rows: readonly StatusRow[]): StatusRow[] {
  return rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => DEVIATION_ORDER[row.status] !== undefined)
    .sort(
      (a, b) =>
        (DEVIATION_ORDER[a.row.status] as number) - (DEVIATION_ORDER[b.row.status] as number) || a.index - b.index,
    )
    .map(({ row }) => row);
}

export interface RatioPoint {
  period: string;
  numerator: number;
  denominator: number;
  /** 100 × numerator / denominator */
  percent: number;
}

/** A ratio per period (the total figure), as known at `moment`: verzuim = sick days / contract days. */
export function ratioByPeriod(
  figures: readonly FigureHistory[],
  indicator: string,
  moment: string | null,
): RatioPoint[] {
  const points: RatioPoint[] = [];
  for (const figure of figures) {
    if (figure.indicator !== indicator || figure.segment !== null) continue;
    const r = revisionAt(figure, moment);
    if (!r || r.numerator === null || r.denominator === null || r.denominator <= 0) continue;
    points.push({
      period: figure.period,
      numerator: r.numerator,
      denominator: r.denominator,
      percent: (100 * r.numerator) / r.denominator,
    });
  }
  return points.sort((a, b) => a.period.localeCompare(b.period));
}

export type BandPosition = 'below' | 'inside' | 'above';

/** Where a value lies against a band such as beschut's 72–129 places. */
export function bandPosition(value: number, min: number, max: number): BandPosition {
  if (value < min) return 'below';
  if (value > max) return 'above';
  return 'inside';
}
