import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, levenshtein } from './closest.ts';

describe('levenshtein', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['uitstrom', 'uitstroom', 1],
    ['matchn', 'matchen', 1],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
  ])('distance(%j, %j) = %i', (a, b, distance) => {
    expect(levenshtein(a, b)).toBe(distance);
  });

  it('is symmetric, zero only for equal strings, and at most the longer length (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = levenshtein(a, b);
        expect(levenshtein(b, a)).toBe(d);
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
      }),
    );
  });
});

describe('closest', () => {
  const codes = ['uitstroom', 'deelsuccessen', 'wsw_verzuim', 'lks_behoud', 'lks_nieuw'];

  it('suggests the code a typo was meant to be', () => {
    expect(closest('uitstrom', codes)).toBe('uitstroom');
    expect(closest('UITSTROOM ', codes)).toBe('uitstroom');
    expect(closest('wsw-verzuim', codes)).toBe('wsw_verzuim');
    expect(closest('lks_nieuwe', codes)).toBe('lks_nieuw');
  });

  it('suggests nothing when no code is near', () => {
    expect(closest('omzet', codes)).toBeNull();
    expect(closest('', codes)).toBeNull();
    expect(closest('uitstroom', [])).toBeNull();
  });

  it('gives ties to the earlier candidate', () => {
    expect(closest('lks_', ['lks_a', 'lks_b'])).toBe('lks_a');
  });
});
