import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { Unit } from '../../../../../../shared/contracts/catalogue.ts';
import { niceTicks } from '../../chart-data/series.ts';
import { CHART, CHART_FRAME, chartAxes } from './chart-theme.ts';

interface Props {
  data: { label: string; value: number | null }[];
  unit: Unit | null;
  valueLabel: string;
  /** A benchmark or norm line, e.g. verzuim 14,7%. */
  line?: { value: number; label: string };
  /** A band such as beschut's 72–129 places. */
  band?: { min: number; max: number; label: string };
}

/** A monthly value against a reference line or band. */
export default function ReferenceChart({ data, unit, valueLabel, line, band }: Props) {
  const values = data.map((d) => d.value).filter((v): v is number => v !== null);
  const refs = [line?.value, band?.min, band?.max].filter((v): v is number => v !== undefined);
  const ticks = niceTicks([...values, ...refs]);
  const domain: [number, number] = [ticks[0] as number, ticks[ticks.length - 1] as number];
  const axes = chartAxes(unit);
  return (
    <LineChart
      data={data}
      {...CHART_FRAME}
      // room on the right for the reference lines' labels
      margin={{ ...CHART_FRAME.margin, right: 24 }}
    >
      <CartesianGrid {...axes.grid} />
      <XAxis {...axes.x} />
      <YAxis {...axes.y} domain={domain} ticks={ticks} />
      <Tooltip {...axes.tooltip} />
      <Legend itemSorter={null} />
      {band && (
        <ReferenceArea
          y1={band.min}
          y2={band.max}
          fill={CHART.band}
          fillOpacity={0.6}
          stroke={CHART.bandStroke}
          strokeDasharray="2 3"
          label={{ value: band.label, position: 'insideTopLeft', fill: CHART.text, fontSize: 12 }}
        />
      )}
      {line && (
        <ReferenceLine
          y={line.value}
          stroke={CHART.norm}
          strokeWidth={2}
          strokeDasharray="6 4"
          label={{ value: line.label, position: 'insideTopRight', fill: CHART.text, fontSize: 12 }}
        />
      )}
      <Line
        dataKey="value"
        name={valueLabel}
        stroke={CHART.actual}
        strokeWidth={3}
        dot={{ r: 3 }}
        isAnimationActive={false}
      />
    </LineChart>
  );
}
