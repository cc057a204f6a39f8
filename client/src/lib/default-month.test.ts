import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../../shared/contracts/catalogue.ts';
import type { StatusRow } from '../../../shared/contracts/status.ts';
import { fallbackMonth, latestMonthWithData } from './default-month.ts';

const monthlyFlow = { code: 'uitstroom', frequency: 'M', kind: 'flow' } as Indicator;
const quarterlyFlow = { code: 'duale_trajecten', frequency: 'Q', kind: 'flow' } as Indicator;
const row = (indicator: string, status: StatusRow['status'], missingPeriods: string[]) =>
  ({ indicator, segment: null, status, missingPeriods }) as unknown as StatusRow;

describe('the month a DVO opens at', () => {
  it('is the latest month a monthly flow was delivered for, read from the evaluation at December', () => {
    const rows = [
      row('uitstroom', 'no_data', ['2024-10', '2024-11', '2024-12']),
      row('duale_trajecten', 'no_data', ['2024-Q2', '2024-Q4']),
    ];
    expect(latestMonthWithData(rows, [monthlyFlow, quarterlyFlow], 2024)).toBe('2024-09');
  });

  it('is December when the year is complete', () => {
    expect(latestMonthWithData([row('uitstroom', 'on_track', [])], [monthlyFlow], 2024)).toBe('2024-12');
  });

  it('is unknown when nothing was delivered', () => {
    const all = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`);
    expect(latestMonthWithData([row('uitstroom', 'no_data', all)], [monthlyFlow], 2024)).toBeNull();
  });

  it('falls back to the current month in a running year, else the year end or start', () => {
    expect(fallbackMonth(2024, new Date(2024, 4, 15))).toBe('2024-05');
    expect(fallbackMonth(2024, new Date(2026, 0, 1))).toBe('2024-12');
    expect(fallbackMonth(2027, new Date(2026, 0, 1))).toBe('2027-01');
  });
});
