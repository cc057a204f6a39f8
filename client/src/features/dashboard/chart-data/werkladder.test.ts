import { describe, expect, it } from 'vitest';
import { valuesByPeriod } from './figures.ts';
import { figure } from './test-rows.ts';
import { balanceCheck, distributionByQuarter, movementMatrix, stepsOfMovements } from './werkladder.ts';

const STEPS = ['intern', 'groepsdetachering', 'individuele_detachering', 'begeleid_werken'];

const distribution = distributionByQuarter(
  valuesByPeriod(
    [
      figure('v', '2024-Q1', 'intern', { value: 212 }),
      figure('v', '2024-Q1', 'groepsdetachering', { value: 96 }),
      figure('v', '2024-Q1', 'individuele_detachering', { value: 61 }),
      figure('v', '2024-Q1', 'begeleid_werken', { value: 18 }),
      figure('v', '2024-Q2', 'intern', { value: 208 }),
      figure('v', '2024-Q2', 'groepsdetachering', { value: 98 }),
      figure('v', '2024-Q2', 'individuele_detachering', { value: 62 }),
      figure('v', '2024-Q2', 'begeleid_werken', { value: 19 }),
    ],
    'v',
    'stock',
    null,
  ),
  STEPS,
);

describe('werkladder', () => {
  it('gives the distribution over the steps per quarter with its total', () => {
    expect(distribution.map((d) => [d.period, d.total])).toEqual([
      ['2024-Q1', 387],
      ['2024-Q2', 387],
    ]);
    expect(distribution[1]?.steps.intern).toBe(208);
  });

  it('reads the steps from movement codes', () => {
    expect(
      stepsOfMovements(['intern>groepsdetachering', 'groepsdetachering>intern', 'intern>begeleid_werken']),
    ).toEqual(['intern', 'groepsdetachering', 'begeleid_werken']);
  });

  it('builds the from × to matrix with in- and outflow per step', () => {
    const m = movementMatrix({ 'intern>groepsdetachering': 5, 'groepsdetachering>intern': 1 }, STEPS);
    expect(m.cells.intern?.groepsdetachering).toBe(5);
    expect(m.cells.intern?.begeleid_werken).toBeNull();
    expect(m.cells.intern?.intern).toBeUndefined();
    expect(m.inflow).toMatchObject({ intern: 1, groepsdetachering: 5 });
    expect(m.outflow).toMatchObject({ intern: 5, groepsdetachering: 1 });
    expect(m.total).toBe(6);
  });

  it('checks previous + in − out = current per step and shows the difference', () => {
    const m = movementMatrix(
      {
        'intern>groepsdetachering': 5,
        'groepsdetachering>individuele_detachering': 2,
        'individuele_detachering>begeleid_werken': 1,
        'groepsdetachering>intern': 1,
      },
      STEPS,
    );
    const lines = balanceCheck(distribution[0], distribution[1], m);
    expect(lines.map((l) => [l.step, l.expected, l.current, l.difference])).toEqual([
      ['intern', 208, 208, 0],
      ['groepsdetachering', 98, 98, 0],
      ['individuele_detachering', 62, 62, 0],
      ['begeleid_werken', 19, 19, 0],
    ]);
    const short = balanceCheck(distribution[0], distribution[1], movementMatrix({}, STEPS));
    expect(short[0]).toMatchObject({ expected: 212, current: 208, difference: -4 });
    expect(balanceCheck(undefined, distribution[0], m)[0]).toMatchObject({ expected: null, difference: null });
  });
});
