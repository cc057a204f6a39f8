import type {
  MonthPoint,
  Status,
  StatusResponse,
  StatusRow,
  StatusSeriesResponse,
} from '../../../../../shared/contracts/status.ts';
import { monthPoints } from '../../../../../shared/domain/series.ts';

// Month-by-month series, from one `GET /series` answer (coursePoints) or from one `/status` answer
// per evaluation month (monthSeries); the points themselves are shared/domain/series.ts.

export type { MonthPoint };

export function findRow(
  response: StatusResponse | undefined,
  indicator: string,
  segment: string | null,
): StatusRow | undefined {
  return response?.rows.find((r) => r.indicator === indicator && r.segment === segment);
}

/** Twelve points; `responses[i]` is the evaluation at month i+1 (see monthPoints). */
export function monthSeries(
  responses: readonly (StatusResponse | undefined)[],
  indicator: string,
  segment: string | null,
): MonthPoint[] {
  return monthPoints(
    responses.map((r) => r?.rows),
    indicator,
    segment,
  );
}

/** Twelve points of one agreement (and segment) from a `GET /series` answer; nulls where it has none. */
export function coursePoints(
  course: StatusSeriesResponse | undefined,
  indicator: string,
  segment: string | null,
): MonthPoint[] {
  const found = course?.series.find((s) => s.indicator === indicator && s.segment === segment);
  return found ? found.points : monthPoints([], indicator, segment);
}

export interface SparklineGeometry {
  /** SVG path of the realisation; separate segments where a month has no value. */
  actualPath: string;
  /** SVG path of the norm (to date). */
  expectedPath: string;
  /** The last month with a value, for a marker. */
  last: { x: number; y: number; status: Status | null } | null;
}

/** Scales a 12-month series into a `width` × `height` box (months on x, values on y, 2px inset). */
export function sparklineGeometry(points: readonly MonthPoint[], width: number, height: number): SparklineGeometry {
  const values = points.flatMap((p) => [p.actual, p.expected]).filter((v): v is number => v !== null);
  if (values.length === 0) return { actualPath: '', expectedPath: '', last: null };
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const inset = 2;
  const x = (month: number) => inset + ((month - 1) / 11) * (width - 2 * inset);
  const y = (v: number) => height - inset - ((v - min) / (max - min)) * (height - 2 * inset);
  const path = (pick: (p: MonthPoint) => number | null) => {
    let d = '';
    let pen = false;
    for (const p of points) {
      const v = pick(p);
      if (v === null) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${round(x(p.month))} ${round(y(v))}`;
      pen = true;
    }
    return d;
  };
  const lastPoint = [...points].reverse().find((p) => p.actual !== null);
  return {
    actualPath: path((p) => p.actual),
    expectedPath: path((p) => p.expected),
    last: lastPoint
      ? { x: round(x(lastPoint.month)), y: round(y(lastPoint.actual as number)), status: lastPoint.status }
      : null,
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

export interface NormPathDatum {
  month: number;
  actual: number | null;
  expected: number | null;
  /** The margin band: between the norm and the edge of `aandacht` (both edges for a range). */
  band: [number, number] | null;
}

/**
 * Chart data for "realisation against the norm path": the norm path and its margin band for the
 * whole year, the realisation only up to the evaluation month `upto`.
 */
export function normPathData(points: readonly MonthPoint[], normKind: string, upto: number): NormPathDatum[] {
  return points.map((p) => {
    let band: [number, number] | null = null;
    if (normKind === 'min' && p.marginLow !== null && p.expected !== null) band = [p.marginLow, p.expected];
    else if (normKind === 'max' && p.marginHigh !== null && p.expected !== null) band = [p.expected, p.marginHigh];
    else if (normKind === 'range' && p.marginLow !== null && p.marginHigh !== null) band = [p.marginLow, p.marginHigh];
    return { month: p.month, actual: p.month <= upto ? p.actual : null, expected: p.expected, band };
  });
}

/**
 * A y-axis range on round numbers that holds every value: the step is 1, 2, 2.5 or 5 × a power of
 * ten, about `ticks` steps from bottom to top; never below 0 when all values are ≥ 0.
 */
export function niceDomain(values: readonly number[], ticks = 4): [number, number] {
  const all = niceTicks(values, ticks);
  return [all[0] as number, all[all.length - 1] as number];
}

/** The tick values of `niceDomain`, bottom to top, rounded against floating-point dust. */
export function niceTicks(values: readonly number[], ticks = 4): number[] {
  if (values.length === 0) return [0, 1];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const raw = (hi - lo) / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((f) => f * power >= raw) ?? 10) * power;
  let bottom = Math.floor(lo / step) * step;
  if (Math.min(...values) >= 0) bottom = Math.max(0, bottom);
  const top = Math.ceil(hi / step) * step;
  const result: number[] = [];
  for (let v = bottom; v <= top + step / 2; v += step) result.push(Math.round(v * 1e6) / 1e6);
  return result;
}
