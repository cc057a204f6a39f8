import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, levenshtein, shorten } from './closest.ts';

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

describe('closest on hostile input', () => {
  it('answers at once for a 50,000-character word, and suggests nothing', () => {
    const candidates = Array.from({ length: 200 }, (_, i) => `indicator_${i}`);
    const started = performance.now();
    for (let i = 0; i < 20; i++) expect(closest('indicator_1'.repeat(4600), candidates)).toBeNull();
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('cuts echoed text at 100 characters and marks the cut', () => {
    expect(shorten('a'.repeat(100))).toBe('a'.repeat(100));
    expect(shorten('a'.repeat(50_000))).toBe(`${'a'.repeat(100)}…`);
  });
});
