import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DUTCH_MONTH_NAMES, formatDutchNumber, normalizePeriod, parseDutchNumber } from './normalize.ts';

describe('parseDutchNumber', () => {
  it.each([
    ['1.234,5', 1234.5],
    ['12,5', 12.5],
    ['1.234', 1234],
    ['1.234.567,89', 1234567.89],
    ['0,05', 0.05],
    ['42', 42],
    [' 7 ', 7],
    ['-3', -3],
    ['−3,5', -3.5],
    ['+8', 8],
    ['€ 982.500', 982500],
    ['€1.234,50', 1234.5],
    ['-€ 12,5', -12.5],
    ['1\u00a0234', null],
  ])('reads %j in a ;-separated file as %j', (text, expected) => {
    expect(parseDutchNumber(text, ';').value).toBe(expected);
  });

  it.each([
    ['1,234.5', 1234.5],
    ['12.5', 12.5],
    ['1,234', 1234],
    ['42', 42],
    ['-0.25', -0.25],
  ])('reads %j in a ,- or tab-separated file as %j', (text, expected) => {
    expect(parseDutchNumber(text, ',').value).toBe(expected);
    expect(parseDutchNumber(text, '\t').value).toBe(expected);
  });

  it('refuses a decimal point in a ;-separated file instead of guessing', () => {
    expect(parseDutchNumber('12.5', ';')).toEqual({
      value: null,
      reason: 'in een bestand met puntkomma’s is de komma het decimaalteken',
    });
  });

  it('refuses a decimal comma in a ,-separated file instead of guessing', () => {
    expect(parseDutchNumber('12,5', ',')).toEqual({
      value: null,
      reason: 'in een bestand met komma’s of tabs is de punt het decimaalteken',
    });
  });

  it.each(['', '   ', 'twaalf', '12a', '1.23', '1.2345', '12,5,3', '1..234', '--3', '#DIV/0!', ',5', '1e3', 'NaN'])(
    'refuses %j with a reason',
    (text) => {
      const result = parseDutchNumber(text, ';');
      expect(result.value).toBeNull();
      expect(result.reason).toEqual(expect.any(String));
    },
  );

  it('never returns negative zero', () => {
    expect(Object.is(parseDutchNumber('-0', ';').value, 0)).toBe(true);
  });

  it('round-trips any number written the Dutch way, with thousands separators (property)', () => {
    const dutch = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 6, useGrouping: true });
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (n) => {
        const text = dutch.format(n);
        const expected = Number(
          new Intl.NumberFormat('en-US', { maximumFractionDigits: 6, useGrouping: false }).format(n),
        );
        expect(parseDutchNumber(text, ';').value).toBe(expected === 0 ? 0 : expected);
      }),
    );
  });

  it('round-trips integer and fraction digits grouped by hand (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }),
        fc.boolean(),
        (whole, fraction, negative) => {
          const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
          const text = `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `,${fraction}`}`;
          const expected = Number(`${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`);
          expect(parseDutchNumber(text, ';').value).toBe(expected === 0 ? 0 : expected);
        },
      ),
    );
  });
});

describe('normalizePeriod', () => {
  it.each([
    ['2024-03', '2024-03'],
    ['2024-3', '2024-03'],
    ['2024/03', '2024-03'],
    ['3-2024', '2024-03'],
    ['1-3-2024', '2024-03'],
    ['01-03-2024', '2024-03'],
    ['31-3-2024', '2024-03'],
    ['1/3/2024', '2024-03'],
    ['1.3.2024', '2024-03'],
    ['1-3-24', '2024-03'],
    ['1-3-2024 00:00', '2024-03'],
    ['2024-03-01', '2024-03'],
    ['2024-03-01T00:00:00.000Z', '2024-03'],
    ['mrt-24', '2024-03'],
    ['Mrt-24', '2024-03'],
    ['mrt 2024', '2024-03'],
    ['mrt. 2024', '2024-03'],
    ['maart 2024', '2024-03'],
    ['Maart 2024', '2024-03'],
    ['MAART 2024', '2024-03'],
    ['maart-2024', '2024-03'],
    ['2024 maart', '2024-03'],
    ['1-mrt-2024', '2024-03'],
    ['1 maart 2024', '2024-03'],
    ['Mar-24', '2024-03'],
    ['okt-24', '2024-10'],
    ['Oct 2024', '2024-10'],
    ['mei 2024', '2024-05'],
    ['sept 2024', '2024-09'],
    ['2024-Q1', '2024-Q1'],
    ['2024-q4', '2024-Q4'],
    ['2024Q2', '2024-Q2'],
    ['2024 Q1', '2024-Q1'],
    ['Q1 2024', '2024-Q1'],
    ['Q3-2024', '2024-Q3'],
    ['K2 2024', '2024-Q2'],
    ['2024-K2', '2024-Q2'],
    ['2024', '2024'],
    ['  2024-03  ', '2024-03'],
  ])('reads %j as %j', (raw, expected) => {
    expect(normalizePeriod(raw)).toBe(expected);
  });

  it.each([
    '',
    'begin maart',
    '2024-13',
    '2024-00',
    '2024-Q5',
    'Q1',
    'maart',
    '32-3-2024',
    '30-2-2024',
    '3/13/2024',
    'foo-24',
    '45352',
    '24',
    '0024',
  ])('refuses %j', (raw) => {
    expect(normalizePeriod(raw)).toBeNull();
  });

  it('reads an XLSX date cell as the month it falls in, in UTC', () => {
    expect(normalizePeriod(new Date(Date.UTC(2024, 2, 1)))).toBe('2024-03');
    expect(normalizePeriod(new Date(Date.UTC(2024, 2, 31, 23, 59)))).toBe('2024-03');
    expect(normalizePeriod(new Date(Date.UTC(2024, 11, 1)))).toBe('2024-12');
    expect(normalizePeriod(new Date(Number.NaN))).toBeNull();
  });

  it('accepts every Dutch month name and abbreviation, in any case and with a 2- or 4-digit year (property)', () => {
    const monthNames = DUTCH_MONTH_NAMES.flatMap((names, i) => names.map((name) => ({ name, month: i + 1 })));
    fc.assert(
      fc.property(
        fc.constantFrom(...monthNames),
        fc.integer({ min: 2000, max: 2099 }),
        fc.constantFrom('-', ' ', '. ', '.'),
        fc.boolean(),
        fc.constantFrom('lower', 'upper', 'title'),
        ({ name, month }, year, separator, shortYear, casing) => {
          const cased =
            casing === 'upper'
              ? name.toUpperCase()
              : casing === 'title'
                ? name[0]?.toUpperCase() + name.slice(1)
                : name;
          const text = `${cased}${separator}${shortYear ? String(year).slice(2) : year}`;
          expect(normalizePeriod(text)).toBe(`${year}-${String(month).padStart(2, '0')}`);
        },
      ),
    );
  });

  it('accepts every day of every month written day-month-year (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        const text = `${d.getUTCDate()}-${d.getUTCMonth() + 1}-${d.getUTCFullYear()}`;
        expect(normalizePeriod(text)).toBe(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
      }),
    );
  });
});

describe('formatDutchNumber', () => {
  it('writes numbers as a Dutch reader expects', () => {
    expect(formatDutchNumber(1234.5)).toBe('1.234,5');
    expect(formatDutchNumber(-3)).toBe('-3');
  });
});
