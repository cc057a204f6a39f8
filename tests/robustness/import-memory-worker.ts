/**
 * Imports one large generated CSV through the import path of the API (`importFile`) and reports the
 * heap after a full garbage collection at a quarter of the file and at its end. Run with
 * `--expose-gc`; used by import-memory.test.ts. The file is the DVO's year of figures once, then
 * many template rows left empty, as a werkbedrijf's export of a full template could be.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { openDb } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { loadCatalogueFile, shippedCataloguePaths } from '../../fixtures/catalogue.ts';
import { generateYearFigures } from '../../fixtures/generate-figures.ts';
import { findDvo } from '../../server/core/dvo-access.ts';
import { importFile } from '../../server/features/imports/service.ts';
import { figuresToCsv } from '../../server/features/imports/write-csv.ts';
import { prepareDatabase } from '../../server/setup.ts';

const { values } = parseArgs({ options: { 'empty-rows': { type: 'string', default: '150000' } } });
const emptyRows = Number(values['empty-rows']);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('start met --expose-gc');

const dir = mkdtempSync(path.join(tmpdir(), 'dvo-memory-'));
try {
  const db = openDb(path.join(dir, 'memory.db'));
  prepareDatabase(db, { info: () => undefined });
  const catalogue = loadCatalogueFile(shippedCataloguePaths()[0] as string);
  const dvo = findDvo(db, catalogue.slug);
  if (!dvo) throw new Error(`DVO ${catalogue.slug} ontbreekt`);
  const userId = db
    .insert(users)
    .values({ username: 'memory', passwordHash: '!', role: 'beheerder', createdAt: new Date().toISOString() })
    .returning({ id: users.id })
    .get().id;
  const figures = generateYearFigures(catalogue, 7);
  const heap: number[] = [];
  const measure = () => {
    gc();
    heap.push(process.memoryUsage().heapUsed);
  };

  async function* file(): AsyncGenerator<Buffer> {
    yield figuresToCsv(figures, ';');
    const chunkRows = 1000;
    for (let done = 0; done < emptyRows; done += chunkRows) {
      // the parser runs a few chunks behind the generator; measure once it has well started
      if (done === Math.floor(emptyRows / 4 / chunkRows) * chunkRows) measure();
      let text = '';
      for (let i = 0; i < chunkRows; i++) {
        const f = figures[(done + i) % figures.length] as (typeof figures)[number];
        text += `${f.indicator};${f.period};${f.segment ?? ''};;;;\r\n`;
      }
      yield Buffer.from(text);
    }
    measure();
  }

  const result = await importFile(db, {
    dvo,
    userId,
    stream: Readable.from(file()),
    filename: 'groot.csv',
    dryRun: true,
    now: new Date('2025-01-15T12:00:00.000Z'),
  });
  db.$client.close();
  process.stdout.write(
    `${JSON.stringify({ figures: figures.length, rows: result.rows, skipped: result.skipped, heap })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
