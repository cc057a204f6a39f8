import type { Unit } from '../../../../../../shared/contracts/catalogue.ts';
import { formatNumber, formatValue } from '../../../../../../shared/domain/format-nl.ts';

// Colours for charts: ≥ 3:1 against white for lines and bars (WCAG 1.4.11), distinct in greyscale
// order, and never the only carrier of meaning (every chart has its table).
export const CHART = {
  actual: '#154273',
  norm: '#4a4a4a',
  band: '#f3d9a4',
  bandStroke: '#8a5300',
  grid: '#d9dce1',
  text: '#1a1a1a',
  series: ['#154273', '#c75000', '#146c2e', '#6b3fa0', '#8a5300', '#0b6e79'],
} as const;

export const AXIS_TICK = { fill: CHART.text, fontSize: 12 } as const;

/** Axis ticks: Dutch numbers, percentages with a % sign, euros in thousands. */
export function tickFormatter(unit: Unit | null) {
  return (value: number) => {
    if (unit === 'procent') return `${formatNumber(value, 1)}%`;
    if (unit === 'euro') return `€ ${formatNumber(value / 1000, 0)}k`;
    return formatNumber(value, 1);
  };
}

export function tooltipFormatter(unit: Unit | null) {
  return (value: unknown) => {
    if (Array.isArray(value)) return value.map((v) => formatValue(Number(v), unit)).join(' – ');
    return formatValue(Number(value), unit);
  };
}

/** What every chart frame (bars, norm path, reference) shares: it fills its box, and its table carries the data for assistive tech. */
export const CHART_FRAME = {
  responsive: true,
  style: { width: '100%', height: '100%' },
  accessibilityLayer: false,
  margin: { top: 8, right: 16, bottom: 4, left: 8 },
} as const;

/** The axes and tooltip every chart shares: periods along the bottom, values in the unit's own format. */
export function chartAxes(unit: Unit | null) {
  return {
    grid: { stroke: CHART.grid, vertical: false },
    x: { dataKey: 'label', tick: AXIS_TICK },
    y: { tick: AXIS_TICK, tickFormatter: tickFormatter(unit), width: 64 },
    tooltip: { formatter: tooltipFormatter(unit), isAnimationActive: false },
  } as const;
}
