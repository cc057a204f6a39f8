/**
 * npm run bench:status [-- --dvos 340 --seconds 20]
 *
 * On the national-scale database of the import benchmark (built once into .tmp/, reused after),
 * 20 concurrent connections ask `GET /status` for random DVOs and months (autocannon). The floor:
 * the same server (same plugins, same session check) answering a precomputed JSON of the same size.
 * The server runs in a child process, so the load generator does not share its event loop.
 *
 * The server is built as `npm start` builds it, with the background evaluation of every DVO month
 * (decision 0006); the measurement starts once that is done, as on a server that has been running.
 * `--cold` measures right after the start instead, while the evaluations are still being made.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { migrateDb, openDb } from '../db/client.ts';
import { buildApp } from '../server/app.ts';
import { createUser } from '../server/core/users/repository.ts';
import { requireUser } from '../server/plugins/auth.ts';
import { freePort } from '../tests/helpers/server-process.ts';
import { buildNationalDatabase } from './lib/national-db.ts';

const { values } = parseArgs({
  options: {
    dvos: { type: 'string', default: '340' },
    seconds: { type: 'string', default: '20' },
    mode: { type: 'string' },
    db: { type: 'string' },
    port: { type: 'string' },
    cold: { type: 'boolean', default: false },
  },
});
const DVO_COUNT = Number(values.dvos);
const PASSWORD = 'benchmark-wachtwoord';

async function serve(dbFile: string, port: number) {
  const db = openDb(dbFile);
  const app = await buildApp({
    db,
    config: { maxUploadBytes: 20 * 1024 * 1024, sessionIdleMinutes: 600, secureCookies: false, logLevel: 'silent' },
    logger: false,
    serveClient: false,
    warmEvaluations: true,
  });
  // the floor: a status answer of the same size, computed once, behind the same session check
  let floorBody = '';
  app.get('/bench/floor', { onRequest: requireUser }, async (_request, reply) =>
    reply.type('application/json').send(floorBody),
  );
  app.get('/bench/rss', { onRequest: requireUser }, async () => ({
    rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
    heapMb: Math.round(process.memoryUsage().heapUsed / 1024 / 1024),
  }));
  app.post('/bench/floor-body', { onRequest: requireUser }, async (request) => {
    floorBody = JSON.stringify(request.body);
    return { size: floorBody.length };
  });
  await app.listen({ host: '127.0.0.1', port });
  const start = Date.now();
  if (!values.cold) await app.statusWarmer?.idle();
  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  console.log(`ready ${((Date.now() - start) / 1000).toFixed(1)} ${rssMb}`);
}

async function run(url: string, cookie: string, paths: () => string, seconds: number) {
  const result = await autocannon({
    url,
    connections: 20,
    duration: seconds,
    headers: { cookie },
    requests: [{ setupRequest: (request) => ({ ...request, path: paths() }) }],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

if (values.mode === 'serve') {
  await serve(values.db as string, Number(values.port));
} else {
  const dir = path.join(import.meta.dirname, '..', '.tmp');
  mkdirSync(dir, { recursive: true });
  const dbFile = path.join(dir, `national-${DVO_COUNT}.db`);
  if (!existsSync(dbFile)) {
    console.log(`Landelijke database opbouwen (${DVO_COUNT} DVO's, via het importpad)…`);
    const building = `${dbFile}.bouw`;
    const built = await buildNationalDatabase(building, DVO_COUNT);
    renameSync(building, dbFile);
    console.log(`  ${built.stored.toLocaleString('nl-NL')} cijfers opgeslagen`);
  }
  const db = openDb(dbFile);
  // a database kept in .tmp/ by an earlier version is brought to the current schema first
  migrateDb(db);
  if (!db.$client.prepare("select 1 from users where username = 'bench-lezer'").get()) {
    await createUser(db, { username: 'bench-lezer', password: PASSWORD, role: 'beheerder' }, new Date());
  }
  db.$client.close();

  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      import.meta.filename,
      '--mode',
      'serve',
      '--db',
      dbFile,
      '--port',
      String(port),
      ...(values.cold ? ['--cold'] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const ready = await new Promise<string>((resolve) =>
    child.stdout?.on('data', (d) => {
      const line = /ready (\S+) (\S+)/.exec(String(d));
      if (line) resolve(`${line[1]} s, RSS ${line[2]} MB`);
    }),
  );
  console.log(
    values.cold
      ? 'koude start: meten terwijl de server nog voorberekent'
      : `server gestart; alle evaluaties voorberekend in ${ready}`,
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    const login = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-lezer', password: PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    let random = 42;
    const next = () => {
      random = (random * 1103515245 + 12345) % 2 ** 31;
      return random / 2 ** 31;
    };
    const statusPath = () => {
      const dvo = 1 + Math.floor(next() * DVO_COUNT);
      const month = 1 + Math.floor(next() * 12);
      return `/api/dvos/bench-${dvo}-2024/status?period=2024-${String(month).padStart(2, '0')}`;
    };
    const sample = await fetch(`${url}/api/dvos/bench-1-2024/status?period=2024-06`, { headers: { cookie } });
    const sampleBody = await sample.json();
    await fetch(`${url}/bench/floor-body`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify(sampleBody),
    });
    const seconds = Number(values.seconds);
    console.log(`GET /status, 20 verbindingen, ${seconds} s, willekeurige DVO en maand uit ${DVO_COUNT} DVO's…`);
    const ours = await run(url, cookie, statusPath, seconds);
    console.log(
      `vloer: dezelfde server met een vooraf berekend antwoord van ${JSON.stringify(sampleBody).length.toLocaleString('nl-NL')} bytes…`,
    );
    const floor = await run(url, cookie, () => '/bench/floor', seconds);
    const line = (name: string, r: typeof ours) =>
      `${name}: ${Math.round(r.requestsPerSecond).toLocaleString('nl-NL')} verzoeken/s, p50 ${r.p50} ms, p99 ${r.p99} ms, niet-2xx ${r.non2xx}, fouten ${r.errors}`;
    const memory = (await (await fetch(`${url}/bench/rss`, { headers: { cookie } })).json()) as {
      rssMb: number;
      heapMb: number;
    };
    console.log(line('dvo-monitor /status', ours));
    console.log(line('vloer', floor));
    console.log(
      `verhouding: ${((ours.requestsPerSecond / floor.requestsPerSecond) * 100).toFixed(0)}% van de vloer (doel ≥ 40%), p99 ${ours.p99} ms (doel ≤ 25 ms)`,
    );
    console.log(`server na afloop: RSS ${memory.rssMb} MB, JS-heap ${memory.heapMb} MB`);
    await normEdits(url, cookie, csrfToken, ours.p99);
  } finally {
    child.kill('SIGTERM');
  }
}

/**
 * Issue #14: a norm edit re-evaluates only its own DVO. Ten edits, each on another DVO (a new
 * version of its first annual norm, one higher); after each, the first `/status` of that DVO (not
 * cached: its data version moved) and one of a DVO left alone (still cached), timed from the client.
 */
async function normEdits(url: string, cookie: string, csrfToken: string, cachedP99: number): Promise<void> {
  const timed = async (pathname: string) => {
    const start = performance.now();
    const response = await fetch(`${url}${pathname}`, { headers: { cookie } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${pathname}: ${response.status}`);
    return performance.now() - start;
  };
  const firstAfter: number[] = [];
  const untouched: number[] = [];
  for (let i = 0; i < 10; i++) {
    const dvo = `bench-${10 + i * 30}-2024`;
    const list = (await (await fetch(`${url}/api/dvos/${dvo}/indicators`, { headers: { cookie } })).json()) as {
      indicators: { code: string; norm: { basis: string; kind: string; value?: number } }[];
    };
    const target = list.indicators.find((x) => x.norm.basis === 'annual' && typeof x.norm.value === 'number');
    if (!target) throw new Error(`${dvo}: geen jaarnorm`);
    const edit = await fetch(`${url}/api/dvos/${dvo}/indicators/${target.code}/norms`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify({
        norm: { basis: 'annual', kind: target.norm.kind, value: (target.norm.value as number) + 1 },
        source: 'bench:status',
        provisional: false,
        reason: 'meting: eerste /status na een normwijziging',
      }),
    });
    if (edit.status !== 201) throw new Error(`${dvo}: normversie ${edit.status} ${await edit.text()}`);
    firstAfter.push(await timed(`/api/dvos/${dvo}/status?period=2024-06`));
    untouched.push(await timed(`/api/dvos/bench-${11 + i * 30}-2024/status?period=2024-06`));
  }
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const fmt = (ms: number) => ms.toFixed(1).replace('.', ',');
  const worst = sorted(firstAfter).at(-1) as number;
  console.log(
    `normwijziging (10 keer, elk een andere DVO): eerste /status daarna mediaan ${fmt(sorted(firstAfter)[5] as number)} ms, hoogste ${fmt(worst)} ms; ` +
      `een andere DVO direct daarna mediaan ${fmt(sorted(untouched)[5] as number)} ms; ` +
      `doel: hoogste ≤ 2 × p99 van een gecachet antwoord (${cachedP99} ms) = ${2 * cachedP99} ms: ${worst <= 2 * cachedP99 ? 'gehaald' : 'niet gehaald'}`,
  );
}
