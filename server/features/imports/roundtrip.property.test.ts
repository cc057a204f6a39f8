import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../db/client.ts';
import { users } from '../../../db/schema.ts';
import { loadCatalogueFile, shippedCataloguePaths } from '../../../fixtures/catalogue.ts';
import type { Indicator } from '../../../shared/contracts/catalogue.ts';
import { formatPeriod, indicatorPeriods } from '../../../shared/domain/periods.ts';
import { PLAUSIBLE_MAX } from '../../../shared/domain/validate-figures.ts';
import { findDvo } from '../../core/dvo-access.ts';
import { prepareDatabase } from '../../setup.ts';
import { importFile } from './service.ts';
import { type CsvDelimiter, figuresToCsv } from './write-csv.ts';

const catalogue = loadCatalogueFile(shippedCataloguePaths()[0] as string);
const deliverable = catalogue.indicators.filter((i) => i.kind !== 'qualitative' && i.kind !== 'milestone');

/** Every (indicator, period, segment) a delivery for 2024 may contain. */
const keys = deliverable.flatMap((indicator) =>
  indicatorPeriods(indicator, catalogue.year).flatMap((p) =>
    (indicator.segments.length > 0 ? indicator.segments : [null]).map((segment) => ({
      indicator,
      period: formatPeriod(p),
      segment,
    })),
  ),
);

/**
 * A valid value for the indicator: whole counts, euro/fte amounts with up to 4 decimals (what a
 * spreadsheet export holds), marks 1–10 with one decimal, ratios with n ≤ d.
 */
function valueArbitrary(indicator: Indicator) {
  // up to the plausible bound of the unit (decision 0012), to the last ten-thousandth
  const max = indicator.unit && indicator.unit !== 'cijfer' ? PLAUSIBLE_MAX[indicator.unit] : PLAUSIBLE_MAX.fte;
  const amount = fc.integer({ min: 0, max: Math.min(max * 10_000, Number.MAX_SAFE_INTEGER) }).map((n) => n / 10_000);
  if (indicator.kind === 'ratio') {
    return fc
      .tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([denominator, share]) => ({ value: null, numerator: Math.floor(denominator * share), denominator }));
  }
  if (indicator.kind === 'score') {
    return fc.integer({ min: 10, max: 100 }).map((n) => ({ value: n / 10, numerator: null, denominator: null }));
  }
  const value = indicator.unit === 'aantal' ? fc.integer({ min: 0, max: 10_000_000 }) : amount;
  return value.map((v) => ({ value: v, numerator: null, denominator: null }));
}

const commentArbitrary = fc.option(
  fc
    .string({ maxLength: 60, unit: fc.constantFrom('a', 'é', 'ë', '€', ';', ',', '"', '\n', ' ', '1', '\t') })
    .filter((s) => s.trim() === s && s.trim() !== ''),
  { nil: null },
);

const deliveryArbitrary = fc
  .uniqueArray(fc.integer({ min: 0, max: keys.length - 1 }), { minLength: 1, maxLength: 40 })
  .chain((indexes) =>
    fc.tuple(
      ...indexes.map((i) => {
        const key = keys[i] as (typeof keys)[number];
        return fc.tuple(valueArbitrary(key.indicator), commentArbitrary).map(([numbers, comment]) => ({
          indicator: key.indicator.code,
          period: key.period,
          segment: key.segment,
          ...numbers,
          comment,
        }));
      }),
    ),
  );

async function importInto(csv: Buffer, name: string) {
  const db = openDb(':memory:');
  prepareDatabase(db, { info: () => undefined });
  const user = db
    .insert(users)
    .values({ username: 'levering', passwordHash: '!', role: 'opdrachtnemer', createdAt: '2025-01-01T00:00:00Z' })
    .returning({ id: users.id })
    .get();
  const dvo = findDvo(db, catalogue.slug);
  if (!dvo) throw new Error('catalogue not loaded');
  const result = await importFile(db, {
    dvo,
    userId: user.id,
    stream: Readable.from([csv]),
    filename: name,
    dryRun: false,
    now: new Date('2025-02-01T00:00:00Z'),
  });
  const stored = db.$client
    .prepare(
      `select i.code indicator, f.period, nullif(f.segment, '') segment, f.value, f.numerator, f.denominator, f.comment
         from figures f join indicators i on i.id = f.indicator_id order by f.id`,
    )
    .all();
  db.$client.close();
  return { result, stored };
}

describe.each<CsvDelimiter>([',', ';'])('export to CSV with "%s" and re-import', (delimiter) => {
  it('stores every valid figure exactly as it was, comments included', async () => {
    await fc.assert(
      fc.asyncProperty(deliveryArbitrary, async (figures) => {
        const { result, stored } = await importInto(figuresToCsv(figures, delimiter), 'rondje.csv');
        expect(result.created).toBe(figures.length);
        expect(stored).toEqual(figures);
      }),
      { numRuns: 40 },
    );
  });
});
