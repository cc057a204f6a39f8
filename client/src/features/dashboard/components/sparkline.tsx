import type { Unit } from '../../../../../shared/contracts/catalogue.ts';
import { formatValue, monthName } from '../../../../../shared/domain/format-nl.ts';
import { type MonthPoint, sparklineGeometry } from '../chart-data/series.ts';

const WIDTH = 112;
const HEIGHT = 28;

/** "januari 31, februari 62, …" — the text alternative of a sparkline. */
export function describeSeries(points: readonly MonthPoint[], unit: Unit | null): string {
  const known = points.filter((p) => p.actual !== null);
  if (known.length === 0) return 'Nog geen verloop: er zijn geen gegevens.';
  return `Verloop van de realisatie: ${known.map((p) => `${monthName(p.month)} ${formatValue(p.actual, unit)}`).join(', ')}.`;
}

/**
 * Twelve months in a small inline SVG (no chart library, so the month screen stays light): the
 * realisation as a line, the norm to date dashed, the last value marked.
 */
export function Sparkline({ points, unit }: { points: readonly MonthPoint[]; unit: Unit | null }) {
  const g = sparklineGeometry(points, WIDTH, HEIGHT);
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={describeSeries(points, unit)}
    >
      <line x1="0" x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} className="sparkline-axis" />
      {g.expectedPath && <path d={g.expectedPath} className="sparkline-norm" />}
      {g.actualPath && <path d={g.actualPath} className="sparkline-actual" />}
      {g.last && <circle cx={g.last.x} cy={g.last.y} r="2.6" className="sparkline-last" />}
    </svg>
  );
}
