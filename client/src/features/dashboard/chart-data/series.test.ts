import { describe, expect, it } from 'vitest';
import type { StatusResponse } from '../../../../../shared/contracts/status.ts';
import { monthSeries, niceDomain, niceTicks, normPathData, sparklineGeometry } from './series.ts';
import { statusRow } from './test-rows.ts';

const response = (month: number, actual: number | null, status: 'on_track' | 'no_data' = 'on_track') =>
  ({
    dvo: 'd',
    period: `2024-${String(month).padStart(2, '0')}`,
    asOf: null,
    rows: [
      statusRow({ indicator: 'uitstroom', status, actual, expected: (400 / 12) * month, marginLow: 30 * month }),
      statusRow({ indicator: 'uitstroom', segment: 'matchen', status, actual: actual === null ? null : actual / 2 }),
    ],
  }) satisfies StatusResponse;

describe('month series from the status of each month', () => {
  it('gives twelve points with the realisation and the norm path, empty after the loaded months', () => {
    const points = monthSeries([response(1, 31), response(2, 60), response(3, null, 'no_data')], 'uitstroom', null);
    expect(points).toHaveLength(12);
    expect(points[1]).toMatchObject({ month: 2, actual: 60, marginLow: 60, status: 'on_track' });
    expect(points[1]?.expected).toBeCloseTo(66.67, 2);
    expect(points[2]).toMatchObject({ actual: null, status: 'no_data' });
    expect(points[5]).toMatchObject({ month: 6, actual: null, expected: null, status: null });
  });

  it('reads a segment row when asked', () => {
    expect(monthSeries([response(1, 30)], 'uitstroom', 'matchen')[0]?.actual).toBe(15);
  });

  it('draws the realisation with a gap where a month has no value and marks the last value', () => {
    const points = monthSeries([response(1, 10), response(2, null, 'no_data'), response(3, 30)], 'uitstroom', null);
    const g = sparklineGeometry(points, 112, 24);
    expect(g.actualPath.match(/M/g)).toHaveLength(2);
    expect(g.last?.x).toBeCloseTo(2 + (2 / 11) * 108, 1);
    expect(g.last?.status).toBe('on_track');
    expect(g.expectedPath.startsWith('M2 ')).toBe(true);
  });

  it('draws nothing without values', () => {
    expect(sparklineGeometry(monthSeries([], 'uitstroom', null), 112, 24)).toEqual({
      actualPath: '',
      expectedPath: '',
      last: null,
    });
  });
});

describe('norm path chart data', () => {
  const points = monthSeries([response(1, 31), response(2, 60), response(3, 95)], 'uitstroom', null);

  it('shades the margin between the edge of aandacht and the norm, and hides realisation after the month', () => {
    const data = normPathData(points, 'min', 2);
    expect(data[0]?.band?.[0]).toBe(30);
    expect(data[0]?.band?.[1]).toBeCloseTo(33.33, 2);
    expect(data.map((d) => d.actual).slice(0, 4)).toEqual([31, 60, null, null]);
    expect(data[2]?.expected).toBeCloseTo(100, 5);
  });

  it('has no band without a margin edge', () => {
    expect(normPathData(points, 'max', 12)[0]?.band).toBeNull();
  });
});

describe('axis range', () => {
  it('rounds to steps of 1, 2, 2,5 or 5 times a power of ten around the values', () => {
    expect(niceDomain([72, 73, 75, 129])).toEqual([60, 140]);
    expect(niceDomain([13.5, 14.5, 14.7])).toEqual([13.5, 15]);
    expect(niceDomain([0, 400])).toEqual([0, 400]);
    expect(niceDomain([5])).toEqual([4, 6]);
    expect(niceDomain([])).toEqual([0, 1]);
  });

  it('gives the ticks on those steps', () => {
    expect(niceTicks([13.5, 14.5, 14.7])).toEqual([13.5, 14, 14.5, 15]);
    expect(niceTicks([72, 129])).toEqual([60, 80, 100, 120, 140]);
  });
});
