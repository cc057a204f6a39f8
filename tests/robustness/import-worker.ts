/**
 * A process that delivers figures to one DVO, over and over, through the import path of the API.
 * Used by the crash, load and backup tests: they kill it, or run it beside readers and backups.
 * Prints `importing <n>` before and `imported <n> <importId>` after each delivery.
 */
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { openDb } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { loadCatalogueFile, shippedCataloguePaths } from '../../fixtures/catalogue.ts';
import { generateYearFigures } from '../../fixtures/generate-figures.ts';
import { findDvo } from '../../server/core/dvo-access.ts';
import { importFile } from '../../server/features/imports/service.ts';
import { figuresToCsv } from '../../server/features/imports/write-csv.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    dvo: { type: 'string', default: 'deventer-konnected-2024' },
    count: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
  },
});
const db = openDb(values.db as string);
const catalogue = loadCatalogueFile(shippedCataloguePaths()[0] as string);
const dvo = findDvo(db, values.dvo as string);
if (!dvo) throw new Error(`DVO ${values.dvo} ontbreekt`);
const username = `worker-${process.pid}`;
const userId = db
  .insert(users)
  .values({ username, passwordHash: '!', role: 'beheerder', disabled: true, createdAt: new Date().toISOString() })
  .returning({ id: users.id })
  .get().id;

// a long toelichting on every row makes each delivery a few MB, so a kill lands mid-import often
const filler = 'toelichting '.repeat(300);
for (let n = 1; n <= Number(values.count); n++) {
  const figures = generateYearFigures(catalogue, Number(values.seed) * 100_000 + n).map((f, i) => ({
    ...f,
    comment: `${n}-${i} ${filler}`,
  }));
  process.stdout.write(`importing ${n}\n`);
  const result = await importFile(db, {
    dvo,
    userId,
    stream: Readable.from([figuresToCsv(figures, ';')]),
    filename: `levering-${n}.csv`,
    dryRun: false,
    now: new Date(),
  });
  process.stdout.write(`imported ${n} ${result.importId}\n`);
}
db.$client.close();
