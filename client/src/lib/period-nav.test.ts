import { describe, expect, it } from 'vitest';
import {
  lastMonthOfQuarter,
  monthsOfQuarter,
  monthsUpTo,
  parseScreen,
  quarterOfMonthPeriod,
  shiftMonth,
  shiftQuarter,
} from './period-nav.ts';

describe('moving through the DVO year', () => {
  it('moves a month within the year and stops at its ends', () => {
    expect(shiftMonth('2024-06', 1, 2024)).toBe('2024-07');
    expect(shiftMonth('2024-06', -1, 2024)).toBe('2024-05');
    expect(shiftMonth('2024-12', 1, 2024)).toBeNull();
    expect(shiftMonth('2024-01', -1, 2024)).toBeNull();
    expect(shiftQuarter('2024-Q4', 1, 2024)).toBeNull();
    expect(shiftQuarter('2024-Q2', -1, 2024)).toBe('2024-Q1');
  });

  it('links a month to its quarter and a quarter to the month it is evaluated at', () => {
    expect(quarterOfMonthPeriod('2024-06')).toBe('2024-Q2');
    expect(quarterOfMonthPeriod('2024-07')).toBe('2024-Q3');
    expect(lastMonthOfQuarter('2024-Q2')).toBe('2024-06');
    expect(monthsOfQuarter('2024-Q3')).toEqual(['2024-07', '2024-08', '2024-09']);
    expect(monthsUpTo('2024-03')).toEqual(['2024-01', '2024-02', '2024-03']);
  });

  it('reads the screen, DVO and period from the URL', () => {
    expect(parseScreen('/dvo/d/maand/2024-06', '?status=attention')).toEqual({
      screen: 'maand',
      dvo: 'd',
      month: '2024-06',
    });
    expect(parseScreen('/dvo/d/kwartaal/2024-Q2', '')).toEqual({ screen: 'kwartaal', dvo: 'd', quarter: '2024-Q2' });
    expect(parseScreen('/dvo/d/indicator/uitstroom', '?period=2024-05&asOf=2024-06-01')).toEqual({
      screen: 'indicator',
      dvo: 'd',
      code: 'uitstroom',
      month: '2024-05',
    });
    expect(parseScreen('/dvo/d/afspraken', '')).toEqual({ screen: 'afspraken', dvo: 'd' });
    expect(parseScreen('/dvo/d/maand/juni', '')).toEqual({ screen: 'other', dvo: 'd' });
    expect(parseScreen('/', '')).toEqual({ screen: 'other', dvo: null });
  });
});
