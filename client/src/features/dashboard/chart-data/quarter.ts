import type { FigureHistory } from '../../../../../shared/contracts/figures.ts';
import { revisionAt } from './figures.ts';

// The kwartaaloverleg as data: deviations first, verzuim per month against its benchmark, beschut
// against its band.

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
