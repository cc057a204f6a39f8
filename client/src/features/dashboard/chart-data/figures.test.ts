import { describe, expect, it } from 'vitest';
import { asOfMoment, comparePeriods, revisionAt, revisionLines, valuesByPeriod } from './figures.ts';
import { figure } from './test-rows.ts';

const corrected = figure(
  'uitstroom',
  '2024-03',
  null,
  { value: 33, recordedAt: '2024-05-02T09:00:00.000Z', importId: 7, filename: 'correctie.csv', comment: 'herteld' },
  { value: 30, recordedAt: '2024-04-03T09:00:00.000Z', supersededAt: '2024-05-02T09:00:00.000Z', importId: 3 },
);

describe('figures as known on a date', () => {
  it('reads a date as the end of that day in UTC, like the server', () => {
    expect(asOfMoment('2024-04-30')).toBe('2024-04-30T23:59:59.999Z');
    expect(asOfMoment('')).toBeNull();
    expect(asOfMoment('2024-05-01T12:00:00+02:00')).toBe('2024-05-01T10:00:00.000Z');
  });

  it('takes the revision that was current at the moment, or none before the first delivery', () => {
    expect(revisionAt(corrected, null)?.value).toBe(33);
    expect(revisionAt(corrected, '2024-04-30T23:59:59.999Z')?.value).toBe(30);
    expect(revisionAt(corrected, '2024-05-02T09:00:00.000Z')?.value).toBe(33);
    expect(revisionAt(corrected, '2024-04-01T00:00:00.000Z')).toBeUndefined();
  });

  it('sums segments into a total when no total was delivered, ratios as Σ numerators / Σ denominators', () => {
    const flows = valuesByPeriod(
      [
        figure('uitstroom', '2024-02', 'matchen', { value: 20 }),
        figure('uitstroom', '2024-02', 'groeien', { value: 11 }),
        figure('uitstroom', '2024-01', null, { value: 29, comment: 'rustige maand' }),
      ],
      'uitstroom',
      'flow',
      null,
    );
    expect(flows.map((v) => [v.period, v.total, v.totalSummed])).toEqual([
      ['2024-01', 29, false],
      ['2024-02', 31, true],
    ]);
    expect(flows[0]?.comments).toEqual(['rustige maand']);
    const ratios = valuesByPeriod(
      [
        figure('r', '2024-01', 'a', { numerator: 1, denominator: 4 }),
        figure('r', '2024-01', 'b', { numerator: 3, denominator: 4 }),
      ],
      'r',
      'ratio',
      null,
    );
    expect(ratios[0]?.total).toBe(50);
    expect(ratios[0]?.segments).toEqual({ a: 25, b: 75 });
  });

  it('orders periods in time, a quarter before its months', () => {
    expect(['2024-04', '2024-Q2', '2024-01', '2024'].sort(comparePeriods)).toEqual([
      '2024',
      '2024-01',
      '2024-Q2',
      '2024-04',
    ]);
  });

  it('lists every revision with the value it replaced and marks the one in force at asOf', () => {
    const lines = revisionLines([corrected], 'uitstroom', '2024-04-30T23:59:59.999Z');
    expect(lines.map((l) => [l.revision.value, l.previous?.value ?? null, l.current, l.inForceAtAsOf])).toEqual([
      [33, 30, true, false],
      [30, null, false, true],
    ]);
  });
});
