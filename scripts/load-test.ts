/**
 * npm run load-test [-- --seconds 60 --readers 100 --importers 5 --without-hostile]
 *
 * The product under load as in a busy week: `--readers` connections ask `GET /status` for random
 * months without pause while `--importers` scripts deliver CSV files through `POST /imports` with
 * their own API tokens, and one more client sends hostile files without pause (issue #11: blank
 * lines, ragged rows, many errors, long strings, an unclosed quote, mixed encodings, a file over the
 * limit; each must be refused with a 4xx). Afterwards the database is counted: every figure an import
 * reported must be there exactly once. Prints the answer codes, the p50/p99 latency and the counts;
 * exits 1 on any 5xx, a failed delivery, a hostile file not refused, or a lost or duplicated row.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { openDb } from '../db/client.ts';
import { loadCatalogueFile, shippedCataloguePaths } from '../fixtures/catalogue.ts';
import { generateYearFigures } from '../fixtures/generate-figures.ts';
import {
  HOSTILE_SHAPES,
  hostileCsv,
  longRowCsv,
  mixedEncodingCsv,
  unclosedQuoteCsv,
} from '../fixtures/hostile-files.ts';
import { createUser } from '../server/core/users/repository.ts';
import { createApiToken } from '../server/core/users/tokens.ts';
import { loadDemoData } from '../server/demo.ts';
import { figuresToCsv } from '../server/features/imports/write-csv.ts';
import { prepareDatabase } from '../server/setup.ts';
import { freePort } from '../tests/helpers/server-process.ts';

export interface LoadResult {
  seconds: number;
  reads: number;
  readsPerSecond: number;
  p50: number;
  p99: number;
  read5xx: number;
  readErrors: number;
  imports: number;
  importFailures: string[];
  expectedFigures: number;
  storedFigures: number;
  duplicateCurrent: number;
  /** Hostile files sent, and those not answered with a 4xx (a 5xx, a 2xx, or no answer). */
  hostileSent: number;
  hostileNotRefused: string[];
}

const DVO = 'deventer-konnected-2024';

/** The hostile files, each about 2 MB (10% of the default limit) so many are sent in a run. */
function hostileFiles(): [string, Buffer][] {
  const bytes = 2 * 1024 * 1024;
  return [
    ...HOSTILE_SHAPES.map((shape): [string, Buffer] => [shape, hostileCsv(shape, bytes)]),
    ['unclosed-quote', unclosedQuoteCsv(bytes)],
    ['mixed-encoding', mixedEncodingCsv(bytes)],
    ['over-the-limit', longRowCsv(21 * 1024 * 1024)],
  ];
}

export async function runLoad(options: {
  seconds: number;
  readers: number;
  importers: number;
  hostile?: boolean;
}): Promise<LoadResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dvo-load-'));
  const dbFile = path.join(dir, 'load.db');
  const db = openDb(dbFile);
  prepareDatabase(db, { info: () => undefined });
  await loadDemoData(db, { info: () => undefined });
  await createUser(
    db,
    { username: 'belasting-lezer', password: 'belasting-wachtwoord', role: 'lezer', organisation: 'gemeente-deventer' },
    new Date(),
  );
  const tokens: string[] = [];
  // the last token is the hostile client's
  for (let i = 0; i < options.importers + 1; i++) {
    await createUser(
      db,
      { username: `levering-${i}`, password: 'belasting-wachtwoord', role: 'opdrachtnemer', organisation: 'konnected' },
      new Date(),
    );
    tokens.push(
      createApiToken(db, { username: `levering-${i}`, label: 'belasting', byUserId: null }, new Date()).token,
    );
  }
  const figuresBefore = (db.$client.prepare('select count(*) as n from figures').get() as { n: number }).n;
  db.$client.close();

  const port = await freePort();
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: path.join(import.meta.dirname, '..'),
    env: { ...process.env, DATABASE_PATH: dbFile, PORT: String(port), DEMO: '0', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout?.on('data', (d) => String(d).includes('draait op') && resolve());
    server.once('exit', (code) => reject(new Error(`server stopte met ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    const login = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'belasting-lezer', password: 'belasting-wachtwoord' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const catalogue = loadCatalogueFile(shippedCataloguePaths()[0] as string);
    const deadline = Date.now() + options.seconds * 1000;
    let expected = figuresBefore;
    let imports = 0;
    const failures: string[] = [];

    const importer = async (i: number) => {
      for (let n = 0; Date.now() < deadline; n++) {
        const csv = figuresToCsv(generateYearFigures(catalogue, i * 1_000_000 + n, 9), ';');
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(csv)], { type: 'text/csv' }), `levering-${i}-${n}.csv`);
        const response = await fetch(`${url}/api/dvos/${DVO}/imports`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens[i]}` },
          body: form,
        });
        const body = (await response.json()) as { created?: number; changed?: number; error?: { message: string } };
        if (response.status !== 201 && response.status !== 200)
          failures.push(`${response.status} ${body.error?.message}`);
        else {
          expected += (body.created ?? 0) + (body.changed ?? 0);
          imports += 1;
        }
      }
    };
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const readers = autocannon({
      url,
      connections: options.readers,
      duration: options.seconds,
      headers: { cookie },
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            path: `/api/dvos/${DVO}/status?period=2024-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`,
          }),
        },
      ],
    });
    let hostileSent = 0;
    const hostileNotRefused: string[] = [];
    const hostile = async () => {
      const files = hostileFiles();
      for (let n = 0; Date.now() < deadline; n++) {
        const [name, file] = files[n % files.length] as [string, Buffer];
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(file)], { type: 'text/csv' }), `${name}.csv`);
        hostileSent += 1;
        try {
          const response = await fetch(`${url}/api/dvos/${DVO}/imports`, {
            method: 'POST',
            headers: { authorization: `Bearer ${tokens[options.importers]}` },
            body: form,
          });
          await response.arrayBuffer();
          if (response.status < 400 || response.status >= 500) hostileNotRefused.push(`${name}: ${response.status}`);
        } catch (error) {
          // the server may close the connection after answering 413 before the whole body was sent
          if (name !== 'over-the-limit') hostileNotRefused.push(`${name}: ${(error as Error).message}`);
        }
      }
    };
    const [reads] = await Promise.all([
      readers,
      ...Array.from({ length: options.importers }, (_, i) => importer(i)),
      ...(options.hostile === false ? [] : [hostile()]),
    ]);
    const check = new Database(dbFile, { readonly: true });
    const stored = (check.prepare('select count(*) as n from figures').get() as { n: number }).n;
    const duplicateCurrent = (
      check
        .prepare(
          'select count(*) as n from (select 1 from figures where superseded_at is null group by dvo_id, indicator_id, period, segment having count(*) > 1)',
        )
        .get() as { n: number }
    ).n;
    check.close();
    const statusCounts = reads.statusCodeStats as unknown as Record<string, { count: number }>;
    const read5xx = Object.entries(statusCounts)
      .filter(([code]) => code.startsWith('5'))
      .reduce((sum, [, v]) => sum + v.count, 0);
    return {
      seconds: options.seconds,
      reads: reads.requests.total,
      readsPerSecond: reads.requests.average,
      p50: reads.latency.p50,
      p99: reads.latency.p99,
      read5xx,
      readErrors: reads.errors + reads.timeouts,
      imports,
      importFailures: failures,
      expectedFigures: expected,
      storedFigures: stored,
      duplicateCurrent,
      hostileSent,
      hostileNotRefused,
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      readers: { type: 'string', default: '100' },
      importers: { type: 'string', default: '5' },
      'without-hostile': { type: 'boolean', default: false },
    },
  });
  const options = {
    seconds: Number(values.seconds),
    readers: Number(values.readers),
    importers: Number(values.importers),
    hostile: !values['without-hostile'],
  };
  console.log(
    `Belastingstest: ${options.readers} lezers van /status en ${options.importers} leveranciers${options.hostile ? ' en 1 vijandige afzender' : ''}, ${options.seconds} s…`,
  );
  const r = await runLoad(options);
  console.log(
    `lezen: ${r.reads.toLocaleString('nl-NL')} verzoeken (${Math.round(r.readsPerSecond)}/s), p50 ${r.p50} ms, p99 ${r.p99} ms, 5xx ${r.read5xx}, fouten ${r.readErrors}`,
  );
  console.log(
    `leveren: ${r.imports} bestanden, mislukt ${r.importFailures.length}${r.importFailures.length ? ` (${r.importFailures[0]})` : ''}`,
  );
  console.log(
    `cijfers: verwacht ${r.expectedFigures.toLocaleString('nl-NL')}, opgeslagen ${r.storedFigures.toLocaleString('nl-NL')}, dubbele actuele revisies ${r.duplicateCurrent}`,
  );
  if (options.hostile)
    console.log(
      `vijandig: ${r.hostileSent} bestanden, niet geweigerd ${r.hostileNotRefused.length}${r.hostileNotRefused.length ? ` (${r.hostileNotRefused[0]})` : ''}`,
    );
  const ok =
    r.hostileNotRefused.length === 0 &&
    r.read5xx === 0 &&
    r.readErrors === 0 &&
    r.importFailures.length === 0 &&
    r.expectedFigures === r.storedFigures &&
    r.duplicateCurrent === 0;
  console.log(ok ? 'Geen 5xx, niets verloren, niets dubbel.' : 'MISLUKT');
  process.exitCode = ok ? 0 : 1;
}
