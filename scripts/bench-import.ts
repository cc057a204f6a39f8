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
import { parseArgs } from 'node:util';
import { openDb } from '../db/client.ts';
import { loadCatalogue } from '../server/core/catalogue.ts';
import { prepareDatabase } from '../server/setup.ts';
import { benchCatalogue, buildNationalDatabase, peakRssMb } from './lib/national-db.ts';

const { values } = parseArgs({
  options: { dvos: { type: 'string', default: '340' }, mode: { type: 'string' }, db: { type: 'string' } },
});
const DVO_COUNT = Number(values.dvos);

function runFloor(dbFile: string, rows: number) {
  const db = openDb(dbFile);
  prepareDatabase(db, { info: () => undefined });
  const sqlite = db.$client;
  const userId = Number(
    sqlite
      .prepare("insert into users (username, password_hash, role, created_at) values ('floor', '!', 'beheerder', '')")
      .run().lastInsertRowid,
  );
  for (let n = 1; n <= DVO_COUNT; n++) loadCatalogue(db, benchCatalogue(n));
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
  return { rows, seconds, peakRssMb: peakRssMb() };
}

if (values.mode === 'ours') {
  console.log(JSON.stringify(await buildNationalDatabase(values.db as string, DVO_COUNT)));
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
