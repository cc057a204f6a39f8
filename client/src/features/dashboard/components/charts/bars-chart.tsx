import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { Unit } from '../../../../../../shared/contracts/catalogue.ts';
import { CHART, CHART_FRAME, chartAxes } from './chart-theme.ts';

export interface BarSeries {
  key: string;
  label: string;
}

interface Props {
  /** One object per category (period), with `label` and a number (or null) per series key. */
  data: Record<string, string | number | null>[];
  series: BarSeries[];
  unit: Unit | null;
  /** Stack the series (segments of one total); otherwise side by side. */
  stacked?: boolean;
}

/** Bars per period: one bar, or the segments stacked (werkladder steps, uitstroom per group). */
export default function BarsChart({ data, series, unit, stacked = false }: Props) {
  const axes = chartAxes(unit);
  return (
    <BarChart data={data} {...CHART_FRAME}>
      <CartesianGrid {...axes.grid} />
      <XAxis {...axes.x} />
      <YAxis {...axes.y} />
      <Tooltip {...axes.tooltip} />
      {series.length > 1 && <Legend itemSorter={null} />}
      {series.map((s, i) => (
        <Bar
          key={s.key}
          dataKey={s.key}
          name={s.label}
          stackId={stacked ? 'stack' : undefined}
          fill={CHART.series[i % CHART.series.length]}
          stroke="#ffffff"
          strokeWidth={stacked ? 1 : 0}
          maxBarSize={72}
          isAnimationActive={false}
        />
      ))}
    </BarChart>
  );
}
