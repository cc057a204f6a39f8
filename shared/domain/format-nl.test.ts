import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatDateTime,
  formatDifference,
  formatEuro,
  formatExactValue,
  formatForecast,
  formatPercent,
  formatPeriodLabel,
  formatPeriodShort,
  formatSegment,
  formatValue,
  splitArticle,
} from './format-nl.ts';

describe('Dutch display formats', () => {
  it('writes numbers, percentages and euros the Dutch way', () => {
    expect(formatValue(1234.5, 'aantal')).toBe('1.234,5');
    expect(formatPercent(12.5)).toBe('12,5%');
    expect(formatEuro(982500)).toBe('€\u00a0982.500');
  });

  it('names months and quarters in Dutch', () => {
    expect(formatPeriodLabel('2024-06')).toBe('juni 2024');
    expect(formatPeriodLabel('2024-Q2')).toBe('2e kwartaal 2024');
    expect(formatPeriodShort('2024-03')).toBe('mrt');
    expect(formatPeriodShort('2024-Q3')).toBe('3e kw.');
    expect(formatPeriodShort('2024')).toBe('2024');
  });

  it('gives a difference its sign and reads percentages in percentage points', () => {
    expect(formatDifference(12, 'aantal')).toBe('+12');
    expect(formatDifference(-3.46, 'aantal')).toBe('-3,5');
    expect(formatDifference(0, 'aantal')).toBe('0');
    expect(formatDifference(-2.34, 'procent')).toBe('-2,3 %-punt');
    expect(formatDifference(-12000, 'euro')).toBe('€\u00a0-12.000');
    expect(formatDifference(0.25, 'fte')).toBe('+0,25 fte');
  });

  it('writes a percentage-point difference with one decimal, also when it is whole', () => {
    expect(formatDifference(2, 'procent')).toBe('+2,0 %-punt');
    expect(formatDifference(-7.1, 'procent')).toBe('-7,1 %-punt');
    expect(formatDifference(1.96, 'procent')).toBe('+2,0 %-punt');
    expect(formatDifference(0, 'procent')).toBe('0,0 %-punt');
  });

  it('writes every percentage-point difference as a sign, digits, a comma and exactly one decimal', () => {
    fc.assert(
      fc.property(fc.double({ min: -100, max: 100, noNaN: true }), (value) => {
        const text = formatDifference(value, 'procent');
        expect(text).toMatch(/^[+-]?\d{1,3},\d %-punt$/);
        const shown = Number(text.replace(' %-punt', '').replace(',', '.'));
        expect(Math.abs(shown - value)).toBeLessThanOrEqual(0.05 + 1e-9);
      }),
    );
  });

  it('shows the forecast of a count as a whole number and of euros as euros', () => {
    expect(formatForecast(366.6667, 'aantal')).toBe('367');
    expect(formatForecast(1234.5, 'aantal')).toBe('1.235');
    expect(formatForecast(-0.3, 'aantal')).toBe('0');
    expect(formatForecast(982500.4, 'euro')).toBe('€\u00a0982.500');
    expect(formatForecast(null, 'aantal')).toBe('–');
  });

  it('never shows a decimal in the forecast of a count, and stays within half of it', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), (value) => {
        const text = formatForecast(value, 'aantal');
        expect(text).toMatch(/^\d{1,3}(\.\d{3})*$/);
        expect(Math.abs(Number(text.replaceAll('.', '')) - value)).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  it('shows a moment in Dutch local time, summer time included', () => {
    expect(formatDateTime('2024-07-03T12:05:00.000Z')).toBe('3 juli 2024 om 14:05');
    expect(formatDateTime('2024-01-03T12:05:00.000Z')).toBe('3 januari 2024 om 13:05');
  });

  it('turns segment codes into words', () => {
    expect(formatSegment('individuele_detachering')).toBe('individuele detachering');
    expect(formatSegment('intern>groepsdetachering')).toBe('intern → groepsdetachering');
    expect(formatSegment(null)).toBe('totaal');
  });
});

describe('formatExactValue', () => {
  it('shows a delivered number exactly as typed, where formatValue rounds it for display', () => {
    expect(formatValue(81250.5, 'euro')).toBe('€\u00a081.251');
    expect(formatExactValue(81250.5, 'euro')).toBe('€\u00a081.250,50');
    expect(formatExactValue(81250, 'euro')).toBe('€\u00a081.250');
    expect(formatExactValue(12.345, 'fte')).toBe('12,345 fte');
    expect(formatExactValue(14.75, 'procent')).toBe('14,75%');
    expect(formatExactValue(1234, 'aantal')).toBe('1.234');
    expect(formatExactValue(null, 'aantal')).toBe('–');
  });
});

describe('splitArticle', () => {
  it('keeps the numbers for the article column and the section words apart', () => {
    expect(splitArticle('7')).toEqual({ number: '7', words: '' });
    expect(splitArticle('1, 4')).toEqual({ number: '1, 4', words: '' });
    expect(splitArticle('45 (Projecten)')).toEqual({ number: '45', words: 'Projecten' });
    expect(splitArticle('10, Bijlage 3')).toEqual({ number: '10', words: 'Bijlage 3' });
    expect(splitArticle('Samenwerking met partners')).toEqual({ number: '', words: 'Samenwerking met partners' });
    expect(splitArticle('Bijlage 2')).toEqual({ number: '', words: 'Bijlage 2' });
    expect(splitArticle('')).toEqual({ number: '', words: '' });
  });
});
