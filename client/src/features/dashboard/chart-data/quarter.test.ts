import { describe, expect, it } from 'vitest';
import { bandPosition, ratioByPeriod } from './quarter.ts';
import { figure } from './test-rows.ts';

describe('kwartaaloverleg', () => {
  it('gives verzuim per month as sick days over contract days', () => {
    const points = ratioByPeriod(
      [
        figure('wsw_verzuim', '2024-02', null, { numerator: 1300, denominator: 9200 }),
        figure('wsw_verzuim', '2024-01', null, { numerator: 1250, denominator: 9100 }),
        figure('wsw_verzuim', '2024-03', null, { numerator: 0, denominator: 0 }),
      ],
      'wsw_verzuim',
      null,
    );
    expect(points.map((p) => p.period)).toEqual(['2024-01', '2024-02']);
    expect(points[0]?.percent).toBeCloseTo(13.736, 3);
  });

  it('places a value against a band', () => {
    expect(bandPosition(71, 72, 129)).toBe('below');
    expect(bandPosition(72, 72, 129)).toBe('inside');
    expect(bandPosition(130, 72, 129)).toBe('above');
  });
});
