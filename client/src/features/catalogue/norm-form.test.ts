import { describe, expect, it } from 'vitest';
import { fieldsOf, normFromFields, parseDutchNumber } from './norm-form.ts';

describe('the norm form', () => {
  it('reads numbers as a Dutch user types them', () => {
    expect(parseDutchNumber('13,5')).toBe(13.5);
    expect(parseDutchNumber('1.234,5')).toBe(1234.5);
    expect(parseDutchNumber('400')).toBe(400);
    expect(parseDutchNumber('veel')).toBeNull();
    expect(parseDutchNumber('')).toBeNull();
  });

  it('shows a relative margin in percent and sends it back as a fraction', () => {
    const uitstroom = {
      norm: { basis: 'annual', kind: 'min', value: 400 } as const,
      margin: 0.1,
      unit: 'aantal' as const,
    };
    const fields = fieldsOf(uitstroom);
    expect(fields).toMatchObject({ value: '400', margin: '10' });
    expect(normFromFields(uitstroom.norm, 'aantal', { ...fields, value: '450', margin: '5' })).toEqual({
      norm: { basis: 'annual', kind: 'min', value: 450, margin: 0.05 },
    });
  });

  it('keeps a percentage margin in points and names the field of a value that is not a number', () => {
    const verzuim = {
      norm: { basis: 'period', kind: 'max', value: 14.7 } as const,
      margin: 1,
      unit: 'procent' as const,
    };
    expect(fieldsOf(verzuim)).toMatchObject({ value: '14,7', margin: '1' });
    expect(normFromFields(verzuim.norm, 'procent', { ...fieldsOf(verzuim), value: '13,2' })).toEqual({
      norm: { basis: 'period', kind: 'max', value: 13.2, margin: 1 },
    });
    const wrong = normFromFields(verzuim.norm, 'procent', { ...fieldsOf(verzuim), value: 'dertien' });
    expect(wrong).toEqual({ problems: [{ field: 'value', message: expect.stringMatching(/waarde/) }] });
  });
});
