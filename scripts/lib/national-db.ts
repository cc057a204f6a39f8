import { Readable } from 'node:stream';
import { openDb } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { loadCatalogueFile, shippedCataloguePaths } from '../../fixtures/catalogue.ts';
import { generateYearFigures, seededRandom } from '../../fixtures/generate-figures.ts';
import { loadCatalogue } from '../../server/core/catalogue.ts';
import { findDvo } from '../../server/core/dvo-access.ts';
import { importFile } from '../../server/features/imports/service.ts';
import { figuresToCsv } from '../../server/features/imports/write-csv.ts';
import { prepareDatabase } from '../../server/setup.ts';
import type { DvoCatalogue } from '../../shared/contracts/catalogue.ts';

const base = loadCatalogueFile(shippedCataloguePaths()[0] as string);

export function benchCatalogue(n: number): DvoCatalogue {
  return {
    ...base,
    slug: `bench-${n}-2024`,
    name: `Benchmark-DVO ${n}`,
    opdrachtgever: { slug: `gemeente-${n}`, name: `Gemeente ${n}`, type: 'gemeente' },
    opdrachtnemer: { slug: `werkbedrijf-${n}`, name: `Werkbedrijf ${n}`, type: 'werkbedrijf' },
  };
}

/** The twelve year-to-date deliveries of one DVO: month m carries every figure due by m. */
function deliveries(n: number) {
  const year = generateYearFigures(base, 1000 + n);
  const random = seededRandom(n);
  const lastMonth = (period: string) => {
    const q = /-Q(\d)$/.exec(period);
    if (q) return Number(q[1]) * 3;
    const m = /-(\d{2})$/.exec(period);
    return m ? Number(m[1]) : 12;
  };
  return Array.from({ length: 12 }, (_, i) => {
    const month = i + 1;
    return year
      .filter((f) => lastMonth(f.period) <= month)
      .map((f) => {
        // a correction of an earlier month now and then, as happens in practice
        if (lastMonth(f.period) < month && random() < 0.02 && f.value !== null) return { ...f, value: f.value + 1 };
        return f;
      });
  });
}

export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/**
 * Builds the national-scale database: `dvoCount` DVOs from the shipped catalogue, each delivering its
 * year as twelve year-to-date monthly CSV files through the import path of `POST /imports`.
 */
export async function buildNationalDatabase(dbFile: string, dvoCount: number) {
  const db = openDb(dbFile);
  prepareDatabase(db, { info: () => undefined });
  const user = db
    .insert(users)
    .values({ username: 'bench', passwordHash: '!', role: 'beheerder', createdAt: new Date().toISOString() })
    .returning({ id: users.id })
    .get();
  for (let n = 1; n <= dvoCount; n++) loadCatalogue(db, benchCatalogue(n));
  let rows = 0;
  let written = 0;
  let seconds = 0;
  for (let n = 1; n <= dvoCount; n++) {
    const dvo = findDvo(db, `bench-${n}-2024`);
    if (!dvo) throw new Error('dvo missing');
    const files = deliveries(n).map((figures) => figuresToCsv(figures, ';'));
    const start = process.hrtime.bigint();
    for (const [i, csv] of files.entries()) {
      const result = await importFile(db, {
        dvo,
        userId: user.id,
        stream: Readable.from([csv]),
        filename: `levering-${n}-${i + 1}.csv`,
        dryRun: false,
        now: new Date(Date.UTC(2025, 0, 15, 0, 0, 0, n * 12 + i)),
      });
      rows += result.rows;
      written += result.created + result.changed;
    }
    seconds += Number(process.hrtime.bigint() - start) / 1e9;
  }
  const stored = db.$client.prepare('select count(*) n from figures').get() as { n: number };
  db.$client.close();
  return { rows, written, stored: stored.n, seconds, peakRssMb: peakRssMb() };
}
