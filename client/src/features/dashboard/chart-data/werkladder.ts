import type { PeriodValue } from './figures.ts';

// The Cedris werkladder (domain.md): the distribution of Wsw employees over the steps per quarter,
// the movements between steps (segments written `from>to`), and whether they balance.

export interface DistributionRow {
  period: string;
  /** Per step; null when the step was not delivered. */
  steps: Record<string, number | null>;
  total: number;
}

export function distributionByQuarter(values: readonly PeriodValue[], steps: readonly string[]): DistributionRow[] {
  return values
    .filter((v) => /^\d{4}-Q[1-4]$/.test(v.period))
    .map((v) => {
      const row: Record<string, number | null> = {};
      let total = 0;
      for (const step of steps) {
        const n = v.segments[step] ?? null;
        row[step] = n;
        total += n ?? 0;
      }
      return { period: v.period, steps: row, total: Object.keys(v.segments).length > 0 ? total : (v.total ?? 0) };
    });
}

/** The steps of a ladder read from the movement segment codes, in first-seen order. */
export function stepsOfMovements(segments: readonly string[]): string[] {
  const steps: string[] = [];
  for (const code of segments) {
    for (const step of code.split('>')) if (step && !steps.includes(step)) steps.push(step);
  }
  return steps;
}

export interface MovementMatrix {
  steps: string[];
  /** cells[from][to]: people who moved from `from` to `to` in the quarter; null when not delivered. */
  cells: Record<string, Record<string, number | null>>;
  /** Per step: people who came in from another step / left for another step. */
  inflow: Record<string, number>;
  outflow: Record<string, number>;
  total: number;
}

export function movementMatrix(segments: Record<string, number | null>, steps: readonly string[]): MovementMatrix {
  const cells: MovementMatrix['cells'] = {};
  const inflow: Record<string, number> = {};
  const outflow: Record<string, number> = {};
  for (const step of steps) {
    cells[step] = {};
    inflow[step] = 0;
    outflow[step] = 0;
  }
  let total = 0;
  for (const from of steps) {
    for (const to of steps) {
      if (from === to) continue;
      const n = segments[`${from}>${to}`] ?? null;
      (cells[from] as Record<string, number | null>)[to] = n;
      if (n === null) continue;
      outflow[from] = (outflow[from] ?? 0) + n;
      inflow[to] = (inflow[to] ?? 0) + n;
      total += n;
    }
  }
  return { steps: [...steps], cells, inflow, outflow, total };
}

export interface BalanceLine {
  step: string;
  previous: number | null;
  inflow: number;
  outflow: number;
  /** previous + in − out; null without a previous quarter. */
  expected: number | null;
  current: number | null;
  /** current − expected: people who joined or left the Wsw outside the ladder (or a delivery error). */
  difference: number | null;
}

/** previous quarter + in − out = current, per step (interface.md §3 warns when it does not hold). */
export function balanceCheck(
  previous: DistributionRow | undefined,
  current: DistributionRow | undefined,
  matrix: MovementMatrix,
): BalanceLine[] {
  return matrix.steps.map((step) => {
    const prev = previous?.steps[step] ?? null;
    const cur = current?.steps[step] ?? null;
    const inflow = matrix.inflow[step] ?? 0;
    const outflow = matrix.outflow[step] ?? 0;
    const expected = prev === null ? null : prev + inflow - outflow;
    return {
      step,
      previous: prev,
      inflow,
      outflow,
      expected,
      current: cur,
      difference: expected === null || cur === null ? null : cur - expected,
    };
  });
}
