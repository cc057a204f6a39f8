import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalogueFile, shippedCataloguePaths } from '../../fixtures/catalogue.ts';
import { SECOND_DVO_FILE } from '../../tests/helpers/test-app.ts';
import type { DvoCatalogue, Indicator } from '../contracts/catalogue.ts';
import type { FigureValue } from '../contracts/figures.ts';
import type { StatusRow } from '../contracts/status.ts';
import { evaluateDvo, numbersOfRow } from './evaluate.ts';
import { formatPeriod, indicatorPeriods } from './periods.ts';
import { PLAUSIBLE_MAX, PLAUSIBLE_RATIO_PART_MAX } from './validate-figures.ts';

// Issue #11: the evaluation can never produce a non-finite value for figures the validation accepts
// (decision 0012). Every shipped kind of norm is exercised: annual paths with and without weights,
// relative cohorts, ranges, ratios summed and standing, scores, once, milestones and qualitative.

const catalogues: DvoCatalogue[] = [
  loadCatalogueFile(shippedCataloguePaths()[0] as string),
  loadCatalogueFile(SECOND_DVO_FILE),
];

/** The largest value the validation lets through for an indicator (cijfer: 1–10). */
function maxOf(indicator: Indicator): number {
  return indicator.unit === null
    ? PLAUSIBLE_RATIO_PART_MAX
    : indicator.unit === 'cijfer'
      ? 10
      : PLAUSIBLE_MAX[indicator.unit];
}

/** Every key a delivery could hold: (indicator, period, segment or total). */
function keysOf(catalogue: DvoCatalogue): { indicator: Indicator; period: string; segment: string | null }[] {
  return catalogue.indicators.flatMap((indicator) =>
    indicator.kind === 'qualitative' || indicator.kind === 'milestone'
      ? []
      : indicatorPeriods(indicator, catalogue.year).flatMap((p) =>
          [null, ...indicator.segments].map((segment) => ({ indicator, period: formatPeriod(p), segment })),
        ),
  );
}

/** A value the validation accepts, biased to the extremes (0, the bound, tiny fractions). */
function acceptedValue(indicator: Indicator): fc.Arbitrary<Omit<FigureValue, 'indicator' | 'period' | 'segment'>> {
  const max = maxOf(indicator);
  if (indicator.kind === 'ratio') {
    return fc
      .tuple(fc.constantFrom(1, 7, PLAUSIBLE_RATIO_PART_MAX), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([denominator, share]) => ({ value: null, numerator: Math.floor(denominator * share), denominator }));
  }
  const min = indicator.unit === 'cijfer' ? 1 : 0;
  return fc
    .oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true }))
    .map((value) => ({ value, numerator: null, denominator: null }));
}

/** The evaluation of a catalogue's year at `month`, without hand-set assessments. */
function evaluateCatalogue(
  catalogue: DvoCatalogue,
  figures: Parameters<typeof evaluateDvo>[0]['figures'],
  month: number,
): StatusRow[] {
  return evaluateDvo({ year: catalogue.year, month, indicators: catalogue.indicators, figures, assessments: [] });
}

describe('the evaluation of accepted figures', () => {
  for (const catalogue of catalogues) {
    const keys = keysOf(catalogue);
    it(`gives only finite numbers for ${catalogue.slug}, whatever was delivered, at every month`, () => {
      fc.assert(
        fc.property(
          fc.subarray(keys).chain((chosen) =>
            fc.tuple(
              fc.tuple(
                ...chosen.map((k) =>
                  acceptedValue(k.indicator).map((v) => ({
                    ...v,
                    indicator: k.indicator.code,
                    period: k.period,
                    segment: k.segment,
                  })),
                ),
              ),
              fc.integer({ min: 1, max: 12 }),
            ),
          ),
          ([figures, month]) => {
            const rows = evaluateCatalogue(catalogue, figures, month);
            for (const row of rows) {
              for (const n of numbersOfRow(row))
                if (typeof n === 'number') expect(Number.isFinite(n), `${row.indicator} ${row.segment}`).toBe(true);
            }
          },
        ),
        { numRuns: 60 },
      );
    });

    it(`gives only finite numbers for ${catalogue.slug} when every figure of the year is at its bound`, () => {
      const figures = keys.map((k) => ({
        indicator: k.indicator.code,
        period: k.period,
        segment: k.segment,
        ...(k.indicator.kind === 'ratio'
          ? { value: null, numerator: PLAUSIBLE_RATIO_PART_MAX, denominator: PLAUSIBLE_RATIO_PART_MAX }
          : { value: maxOf(k.indicator), numerator: null, denominator: null }),
      }));
      for (let month = 1; month <= 12; month++) {
        const rows = evaluateCatalogue(catalogue, figures, month);
        expect(rows.flatMap(numbersOfRow).filter((n) => typeof n === 'number' && !Number.isFinite(n))).toEqual([]);
      }
    });
  }
});
