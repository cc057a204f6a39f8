/**
 * npm run bench:import [-- --dvos 340]
 *
 * National scale: 340 DVOs from the shipped catalogue, each delivering its year as twelve monthly,
 * year-to-date CSV files (as the werkbedrijf's systems export them; ~2% of earlier figures corrected
 * each month), through the same code path as `POST /imports` (streaming parse, validation, revisions,
 * one transaction per file). Beside it the floor: the same number of rows inserted into the same
 * table by one bare better-sqlite3 prepared statement in one transaction.
 *
 * Each side runs in its own child process so the peak RSS of one does not hide in the other's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { openDb } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { loadCatalogueFile, shippedCataloguePaths } from '../fixtures/catalogue.ts';
import { generateYearFigures, seededRandom } from '../fixtures/generate-figures.ts';
import { loadCatalogue } from '../server/features/catalogue/load.ts';
import { findDvo } from '../server/features/dvos/repository.ts';
import { importFile } from '../server/features/imports/service.ts';
import { figuresToCsv } from '../server/features/imports/write-csv.ts';
import { prepareDatabase } from '../server/setup.ts';
import type { DvoCatalogue } from '../shared/contracts/catalogue.ts';

const { values } = parseArgs({
  options: { dvos: { type: 'string', default: '340' }, mode: { type: 'string' }, db: { type: 'string' } },
});
const DVO_COUNT = Number(values.dvos);
const base = loadCatalogueFile(shippedCataloguePaths()[0] as string);

function catalogueFor(n: number): DvoCatalogue {
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

function rss(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function runOurs(dbFile: string) {
  const db = openDb(dbFile);
  prepareDatabase(db, { info: () => undefined });
  const user = db
    .insert(users)
    .values({ username: 'bench', passwordHash: '!', role: 'beheerder', createdAt: new Date().toISOString() })
    .returning({ id: users.id })
    .get();
  for (let n = 1; n <= DVO_COUNT; n++) loadCatalogue(db, catalogueFor(n));
  let rows = 0;
  let written = 0;
  let seconds = 0;
  for (let n = 1; n <= DVO_COUNT; n++) {
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
  return { rows, written, stored: stored.n, seconds, peakRssMb: rss() };
}

function runFloor(dbFile: string, rows: number) {
  const db = openDb(dbFile);
  prepareDatabase(db, { info: () => undefined });
  const sqlite = db.$client;
  const userId = Number(
    sqlite
      .prepare("insert into users (username, password_hash, role, created_at) values ('floor', '!', 'beheerder', '')")
      .run().lastInsertRowid,
  );
  for (let n = 1; n <= DVO_COUNT; n++) loadCatalogue(db, catalogueFor(n));
  const indicatorRows = sqlite.prepare('select id, dvo_id from indicators').all() as { id: number; dvo_id: number }[];
  const importId = Number(
    sqlite
      .prepare(
        `insert into imports (dvo_id, user_id, source, recorded_at, row_count, created_count, changed_count,
           unchanged_count, warnings) values (1, ?, 'api', '', 0, 0, 0, 0, '[]')`,
      )
      .run(userId).lastInsertRowid,
  );
  const insert = sqlite.prepare(
    `insert into figures (dvo_id, indicator_id, period, segment, value, numerator, denominator, comment, recorded_at,
       user_id, import_id) values (?, ?, ?, ?, ?, null, null, null, ?, ?, ?)`,
  );
  const start = process.hrtime.bigint();
  sqlite.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const ind = indicatorRows[i % indicatorRows.length] as { id: number; dvo_id: number };
      // unique keys: the period varies with the round over all indicators
      insert.run(
        ind.dvo_id,
        ind.id,
        `r${Math.floor(i / indicatorRows.length)}`,
        '',
        i,
        '2025-01-15T00:00:00.000Z',
        userId,
        importId,
      );
    }
  })();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  sqlite.close();
  return { rows, seconds, peakRssMb: rss() };
}

if (values.mode === 'ours') {
  console.log(JSON.stringify(await runOurs(values.db as string)));
} else if (values.mode === 'floor') {
  console.log(JSON.stringify(runFloor(values.db as string, Number(process.env.BENCH_ROWS))));
} else {
  const dir = mkdtempSync(path.join(tmpdir(), 'dvo-bench-'));
  const child = (mode: string, env: Record<string, string> = {}) => {
    const out = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        import.meta.filename,
        '--mode',
        mode,
        '--dvos',
        String(DVO_COUNT),
        '--db',
        path.join(dir, `${mode}.db`),
      ],
      { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 20 },
    );
    if (out.status !== 0) throw new Error(`${mode} failed:\n${out.stderr}`);
    return JSON.parse(out.stdout.trim().split('\n').pop() as string);
  };
  try {
    console.log(`Import benchmark: ${DVO_COUNT} DVO's × 12 maandleveringen (jaar-tot-nu, ~2% correcties)…`);
    const ours = child('ours');
    const floor = child('floor', { BENCH_ROWS: String(ours.rows) });
    const oursRate = ours.rows / ours.seconds;
    const floorRate = floor.rows / floor.seconds;
    console.log(
      `dvo-monitor: ${ours.rows.toLocaleString('nl-NL')} rijen verwerkt (${ours.written.toLocaleString('nl-NL')} geschreven, ${ours.stored.toLocaleString('nl-NL')} revisies opgeslagen) in ${ours.seconds.toFixed(1)} s = ${Math.round(oursRate).toLocaleString('nl-NL')} rijen/s, piek-RSS ${ours.peakRssMb} MB`,
    );
    console.log(
      `vloer (kale better-sqlite3 insert, 1 transactie): ${floor.rows.toLocaleString('nl-NL')} rijen in ${floor.seconds.toFixed(1)} s = ${Math.round(floorRate).toLocaleString('nl-NL')} rijen/s, piek-RSS ${floor.peakRssMb} MB`,
    );
    console.log(
      `verhouding: ${((oursRate / floorRate) * 100).toFixed(0)}% van de vloer (doel ≥ 50%), piek-RSS ${ours.peakRssMb} MB (doel < 300 MB)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
