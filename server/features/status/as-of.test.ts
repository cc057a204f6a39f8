import { describe, expect, it } from 'vitest';
import { parseAsOf } from '../../core/evaluation/evaluation.ts';

describe('asOf as a date', () => {
  it('means the end of that day in Dutch time, summer and winter', () => {
    expect(parseAsOf('2024-07-05')).toBe('2024-07-05T21:59:59.999Z');
    expect(parseAsOf('2024-01-15')).toBe('2024-01-15T22:59:59.999Z');
  });

  it('takes a full time as it is, and refuses what is not a date', () => {
    expect(parseAsOf('2024-07-05T10:00:00+02:00')).toBe('2024-07-05T08:00:00.000Z');
    expect(parseAsOf(undefined)).toBeNull();
    expect(() => parseAsOf('gisteren')).toThrow(/asOf 'gisteren' is geen geldige datum/);
    expect(() => parseAsOf('2024-13-45')).toThrow(/geen geldige datum/);
  });
});
