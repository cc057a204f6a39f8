import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { Unit } from '../../../../../../shared/contracts/catalogue.ts';
import { niceTicks } from '../../chart-data/series.ts';
import { AXIS_TICK, CHART, tickFormatter, tooltipFormatter } from './chart-theme.ts';

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
  return (
    <LineChart
      data={data}
      responsive
      style={{ width: '100%', height: '100%' }}
      accessibilityLayer={false}
      margin={{ top: 8, right: 24, bottom: 4, left: 8 }}
    >
      <CartesianGrid stroke={CHART.grid} vertical={false} />
      <XAxis dataKey="label" tick={AXIS_TICK} />
      <YAxis tick={AXIS_TICK} tickFormatter={tickFormatter(unit)} width={64} domain={domain} ticks={ticks} />
      <Tooltip formatter={tooltipFormatter(unit)} isAnimationActive={false} />
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
