import { describe, expect, it } from 'vitest';
import { defaultDeliveryMonth, lockCovering, readMonthParam } from './delivery-month.ts';

const lock = (period: string) => ({ period, lockedAt: '2024-04-20T10:00:00.000Z', lockedBy: 'gemeente' });

describe('the month the Aanleveren page opens on', () => {
  it('is last month while the DVO year runs', () => {
    expect(defaultDeliveryMonth(2024, new Date(2024, 6, 15), [])).toBe('2024-06');
  });

  it('is January in January, as there is no earlier month in the year', () => {
    expect(defaultDeliveryMonth(2024, new Date(2024, 0, 8), [])).toBe('2024-01');
  });

  it('is the month after the last delivered month once the year is over', () => {
    expect(defaultDeliveryMonth(2024, new Date(2026, 4, 1), ['2024-Q3', '2024-08', '2024-09', '2023-12'])).toBe(
      '2024-10',
    );
  });

  it('stays at the last month with figures while it is delivered only in part', () => {
    const september = ['2024-09', '2024-09', '2024-09'];
    expect(defaultDeliveryMonth(2024, new Date(2026, 4, 1), [...september, '2024-10'])).toBe('2024-10');
    expect(defaultDeliveryMonth(2024, new Date(2026, 4, 1), [...september, '2024-10', '2024-10', '2024-10'])).toBe(
      '2024-11',
    );
  });

  it('is December for a year that is over and fully or not at all delivered', () => {
    expect(defaultDeliveryMonth(2024, new Date(2026, 4, 1), ['2024-12'])).toBe('2024-12');
    expect(defaultDeliveryMonth(2024, new Date(2026, 4, 1), [])).toBe('2024-12');
  });

  it('is January for a year still to come', () => {
    expect(defaultDeliveryMonth(2027, new Date(2026, 4, 1), [])).toBe('2027-01');
  });

  it('takes ?periode= only when it is a month of the DVO year', () => {
    expect(readMonthParam('2024-03', 2024)).toBe('2024-03');
    expect(readMonthParam('2023-03', 2024)).toBeNull();
    expect(readMonthParam('2024-Q1', 2024)).toBeNull();
    expect(readMonthParam(null, 2024)).toBeNull();
  });
});

describe('whether a month is locked', () => {
  it('finds the lock of the month itself, its quarter or its year', () => {
    expect(lockCovering('2024-03', [lock('2024-03')])?.period).toBe('2024-03');
    expect(lockCovering('2024-02', [lock('2024-Q1')])?.period).toBe('2024-Q1');
    expect(lockCovering('2024-11', [lock('2024')])?.period).toBe('2024');
  });

  it('ignores locks of other periods', () => {
    expect(lockCovering('2024-04', [lock('2024-03'), lock('2024-Q1')])).toBeNull();
  });
});
