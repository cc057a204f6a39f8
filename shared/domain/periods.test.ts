import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysInMonth,
  duePeriods,
  endOfMonth,
  endOfQuarter,
  evaluationMonthOf,
  formatPeriod,
  isDue,
  lastDueMonth,
  monthSpan,
  parsePeriod,
  periodContains,
  quarterOfMonth,
} from './periods.ts';

describe('parsePeriod / formatPeriod', () => {
  it.each([
    ['2024-03', { type: 'M', year: 2024, index: 3 }],
    ['2024-Q2', { type: 'Q', year: 2024, index: 2 }],
    ['2024', { type: 'Y', year: 2024 }],
  ])('reads %s and writes it back unchanged', (text, period) => {
    expect(parsePeriod(text)).toEqual(period);
    expect(formatPeriod(parsePeriod(text)!)).toBe(text);
  });

  it.each(['2024-3', '2024-13', '2024-00', '2024-Q5', '2024-Q0', '24', 'maart 2024', '2024-03-01'])(
    'rejects the non-canonical %s',
    (text) => {
      expect(parsePeriod(text)).toBeNull();
    },
  );
});

describe('due periods (interface.md §2: due when it ends on or before the end of P)', () => {
  it.each([
    ['2024-02', 2, true],
    ['2024-03', 2, false],
    ['2024-Q1', 2, false],
    ['2024-Q1', 3, true],
    ['2024', 11, false],
    ['2024', 12, true],
    ['2023-12', 1, true],
    ['2025-01', 12, false],
  ])('%s at month %i of 2024 is due: %s', (text, month, due) => {
    expect(isDue(parsePeriod(text)!, 2024, month)).toBe(due);
  });

  it('lists the due periods of a frequency in order', () => {
    expect(duePeriods('M', 2024, 3).map(formatPeriod)).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(duePeriods('Q', 2024, 2)).toEqual([]);
    expect(duePeriods('Q', 2024, 7).map(formatPeriod)).toEqual(['2024-Q1', '2024-Q2']);
    expect(duePeriods('Y', 2024, 11)).toEqual([]);
    expect(duePeriods('Y', 2024, 12).map(formatPeriod)).toEqual(['2024']);
  });

  it.each([
    ['M', 1, 1],
    ['M', 12, 12],
    ['Q', 2, 0],
    ['Q', 3, 3],
    ['Q', 5, 3],
    ['Q', 12, 12],
    ['Y', 11, 0],
    ['Y', 12, 12],
  ] as const)('the last due month of frequency %s at month %i is %i', (frequency, month, last) => {
    expect(lastDueMonth(frequency, month)).toBe(last);
  });
});

describe('month spans and containment', () => {
  it('knows which months a period covers', () => {
    expect(monthSpan(parsePeriod('2024-Q3')!)).toEqual({ first: 7, last: 9 });
    expect(monthSpan(parsePeriod('2024')!)).toEqual({ first: 1, last: 12 });
    expect(periodContains(parsePeriod('2024-Q1')!, parsePeriod('2024-03')!)).toBe(true);
    expect(periodContains(parsePeriod('2024-Q1')!, parsePeriod('2024-04')!)).toBe(false);
    expect(periodContains(parsePeriod('2024')!, parsePeriod('2023-04')!)).toBe(false);
    expect(evaluationMonthOf(parsePeriod('2024-Q2')!)).toEqual({ year: 2024, month: 6 });
    expect(quarterOfMonth(3)).toBe(1);
    expect(quarterOfMonth(4)).toBe(2);
  });
});

describe('calendar dates', () => {
  it('knows the length of February in leap and common years', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(endOfMonth(2024, 2)).toBe('2024-02-29');
    expect(endOfMonth(2024, 12)).toBe('2024-12-31');
  });

  it('puts a quarterly report due 14 days after the quarter end', () => {
    expect(endOfQuarter(2024, 1)).toBe('2024-03-31');
    expect(addDays(endOfQuarter(2024, 1), 14)).toBe('2024-04-14');
    expect(addDays(endOfQuarter(2024, 4), 14)).toBe('2025-01-14');
    expect(addDays('2024-03-31', -31)).toBe('2024-02-29');
  });
});
