/**
 * npm run bench:hostile [-- --mb 20 --runs 1]
 *
 * Issue #11: hostile uploads must cost what a clean file costs. Starts the real server (server/main.ts,
 * on 127.0.0.1 only, its own database) and sends, as a dry run, the largest legal upload (just under
 * MAX_UPLOAD_BYTES) of each hostile shape of fixtures/hostile-files.ts beside a clean file of the same
 * size. Meanwhile `/api/health` is asked every 100 ms and the server's resident memory is read from
 * /proc every 50 ms. Prints per shape: answer, time and its ratio to the clean file (target ≤ 2), the
 * server's peak RSS (target < 300 MB) and the p99 of `/api/health` (target ≤ 100 ms). Exits 1 when a
 * target is missed or an answer is a 5xx.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDb } from '../db/client.ts';
import { loadCatalogueFile, shippedCataloguePaths } from '../fixtures/catalogue.ts';
import { cleanCsv, HOSTILE_SHAPES, hostileCsv } from '../fixtures/hostile-files.ts';
import { createUser } from '../server/core/users/repository.ts';
import { createApiToken } from '../server/core/users/tokens.ts';
import { prepareDatabase } from '../server/setup.ts';
import { freePort } from '../tests/helpers/server-process.ts';

const { values } = parseArgs({
  options: { mb: { type: 'string', default: '20' }, runs: { type: 'string', default: '1' } },
});
const LIMIT = Math.round(Number(values.mb) * 1024 * 1024);
/** Just under the limit, leaving room for the multipart envelope. */
const FILE_BYTES = LIMIT - 64 * 1024;
const RUNS = Number(values.runs);
const DVO = 'deventer-konnected-2024';

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Asks the URL every 100 ms and prints each answer's time, until its stdin closes. */
const PROBE = `
let stop = false;
process.stdin.on('end', () => { stop = true; });
process.stdin.resume();
(async () => {
  while (!stop) {
    const started = performance.now();
    await fetch(process.argv[1]);
    console.log((performance.now() - started).toFixed(1));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
})();
`;

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number);

interface Measured {
  status: number;
  ms: number;
  peakRssMb: number;
  healthP99: number;
  healthMax: number;
  message: string;
}

async function measure(url: string, token: string, pid: number, file: Buffer, name: string): Promise<Measured> {
  let peak = rssMb(pid);
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 50);
  // The probe runs in a process of its own: this one is busy sending 20 MB, which would delay it.
  const prober = spawn(process.execPath, ['-e', PROBE, `${url}/api/health`], { stdio: ['pipe', 'pipe', 'inherit'] });
  let probeOutput = '';
  prober.stdout.on('data', (d) => {
    probeOutput += d;
  });
  const proberDone = new Promise((resolve) => prober.once('exit', resolve));
  // its first answers include its own start (connection, fetch's first use): measure after them
  while (probeOutput.split('\n').length <= 3) await new Promise((resolve) => setTimeout(resolve, 20));
  const warmUp = probeOutput.split('\n').length - 1;
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)], { type: 'text/csv' }), `${name}.csv`);
  const started = performance.now();
  const response = await fetch(`${url}/api/dvos/${DVO}/imports?dryRun=true`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = (await response.json()) as { message?: string; error?: { message: string } };
  const ms = performance.now() - started;
  prober.stdin.end();
  await proberDone;
  clearInterval(sampler);
  const sorted = probeOutput
    .split('\n')
    .filter(Boolean)
    .slice(warmUp)
    .map(Number)
    .sort((a, b) => a - b);
  if (process.env.BENCH_DEBUG) console.log(name, probeOutput.split('\n').join(' '));
  return {
    status: response.status,
    ms,
    peakRssMb: Math.max(peak, rssMb(pid)),
    healthP99: percentile(sorted, 99),
    healthMax: sorted.at(-1) ?? 0,
    message: body.error?.message ?? body.message ?? '',
  };
}

const dir = mkdtempSync(path.join(tmpdir(), 'dvo-hostile-'));
const dbFile = path.join(dir, 'hostile.db');
const db = openDb(dbFile);
prepareDatabase(db, { info: () => undefined });
await createUser(
  db,
  { username: 'levering', password: 'bench-wachtwoord', role: 'opdrachtnemer', organisation: 'konnected' },
  new Date(),
);
const token = createApiToken(db, { username: 'levering', label: 'bench', byUserId: null }, new Date()).token;
db.$client.close();

const port = await freePort();
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: path.join(import.meta.dirname, '..'),
  env: {
    ...process.env,
    DATABASE_PATH: dbFile,
    HOST: '127.0.0.1',
    PORT: String(port),
    DEMO: '0',
    LOG_LEVEL: 'error',
    MAX_UPLOAD_BYTES: String(LIMIT),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let failed = false;
try {
  await new Promise<void>((resolve, reject) => {
    server.stdout?.on('data', (d) => String(d).includes('draait op') && resolve());
    server.once('exit', (code) => reject(new Error(`server stopte met ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const pid = server.pid as number;
  const catalogue = loadCatalogueFile(shippedCataloguePaths()[0] as string);
  const files: [string, Buffer][] = [
    ['schoon', cleanCsv(catalogue, FILE_BYTES)],
    ...HOSTILE_SHAPES.map((shape): [string, Buffer] => [shape, hostileCsv(shape, FILE_BYTES)]),
  ];
  console.log(
    `Vijandige leveringen van ${(FILE_BYTES / 1024 / 1024).toFixed(1)} MB (limiet ${values.mb} MB), proefrun, ${RUNS}× per vorm; RSS van de server bij start ${Math.round(rssMb(pid))} MB`,
  );
  // warm up the code paths once, so the first shape does not pay for compilation
  await measure(url, token, pid, cleanCsv(catalogue, 1024 * 1024), 'opwarmen');
  const results: { name: string; best: Measured }[] = [];
  for (const [name, file] of files) {
    let best: Measured | undefined;
    for (let run = 0; run < RUNS; run++) {
      const m = await measure(url, token, pid, file, name);
      if (!best || m.ms < best.ms) best = { ...m, peakRssMb: Math.max(m.peakRssMb, best?.peakRssMb ?? 0) };
    }
    results.push({ name, best: best as Measured });
  }
  const clean = results[0]?.best.ms ?? 1;
  console.log('| vorm | antwoord | tijd | verhouding tot schoon | piek-RSS server | /api/health p99 (max) |');
  console.log('|---|---|---|---|---|---|');
  for (const { name, best } of results) {
    const ratio = best.ms / clean;
    const ok = best.status < 500 && ratio <= 2 && best.peakRssMb < 300 && best.healthP99 <= 100;
    if (!ok) failed = true;
    console.log(
      `| ${name} | ${best.status} | ${(best.ms / 1000).toFixed(1)} s | ${ratio.toFixed(2)} | ${Math.round(best.peakRssMb)} MB | ${Math.round(best.healthP99)} ms (${Math.round(best.healthMax)} ms)${ok ? '' : ' ✗'} |`,
    );
  }
  for (const { name, best } of results) console.log(`${name}: ${best.message.slice(0, 140)}`);
  console.log(failed ? 'Doel niet gehaald (✗).' : 'Alle doelen gehaald: verhouding ≤ 2, RSS < 300 MB, p99 ≤ 100 ms.');
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
