import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { Unit } from '../../../../../../shared/contracts/catalogue.ts';
import { formatPeriodShort } from '../../../../../../shared/domain/format-nl.ts';
import type { NormPathDatum } from '../../chart-data/series.ts';
import { CHART, CHART_FRAME, chartAxes } from './chart-theme.ts';

interface Props {
  data: NormPathDatum[];
  unit: Unit | null;
  actualLabel: string;
  expectedLabel: string;
  /** The evaluation month, marked with a vertical line. */
  month?: number;
}

/** Realisation against the norm path, with the margin band (aandacht) shaded. */
export default function NormPathChart({ data, unit, actualLabel, expectedLabel, month }: Props) {
  const label = (month: number) => formatPeriodShort(`2000-${String(month).padStart(2, '0')}`);
  const rows = data.map((d) => ({ ...d, label: label(d.month) }));
  const hasBand = data.some((d) => d.band !== null);
  const axes = chartAxes(unit);
  return (
    <ComposedChart data={rows} {...CHART_FRAME}>
      <CartesianGrid {...axes.grid} />
      <XAxis {...axes.x} />
      <YAxis {...axes.y} />
      <Tooltip {...axes.tooltip} />
      <Legend itemSorter={null} />
      {hasBand && (
        <Area
          dataKey="band"
          name="marge (aandacht)"
          fill={CHART.band}
          stroke={CHART.bandStroke}
          strokeDasharray="2 3"
          isAnimationActive={false}
          connectNulls
        />
      )}
      <Line
        dataKey="expected"
        name={expectedLabel}
        stroke={CHART.norm}
        strokeWidth={2}
        strokeDasharray="6 4"
        dot={false}
        isAnimationActive={false}
        connectNulls
      />
      <Line
        dataKey="actual"
        name={actualLabel}
        stroke={CHART.actual}
        strokeWidth={3}
        dot={{ r: 3 }}
        isAnimationActive={false}
      />
      {month !== undefined && <ReferenceLine x={label(month)} stroke={CHART.text} strokeDasharray="2 2" />}
    </ComposedChart>
  );
}
