/**
 * npm run bench:client
 *
 * 1. Builds the client (Vite, with a manifest) and prints every file in dist/client with its raw and
 *    gzip size, and the initial JavaScript: the entry chunk plus everything it imports statically
 *    (what the browser must load before the first screen; lazy routes and recharts are excluded).
 * 2. Starts the product as `npm start` does (own database, demo data), logs in as the beheerder and
 *    runs Lighthouse 12 in Debian's Chromium on the month screen, the Kwartaaloverleg, the
 *    Indicator screen (uitstroom) and Afwijkingen, each `--runs` times (default 3) with the mobile
 *    (Lighthouse's default: slow 4G, 4× slower CPU) and with the desktop preset, and prints every
 *    run's scores and the median, as Lighthouse advises for its run-to-run variance. The full
 *    reports go to .tmp/lighthouse-<page>-<preset>.json. `--page maand` (kwartaal, indicator,
 *    afwijkingen; repeatable) measures only those screens; a run of some screens still meets the
 *    budget for those.
 *
 * `--preset mobiel` (or `desktop`) runs one preset only, while looking into a score; the run then
 * counts as not meeting the budget. The trace of each run goes to .tmp/lighthouse-<preset>.trace.json
 * (with `LH_CPU_PROFILE=1` including V8's sampling profiler, to see which functions a long task ran).
 *
 * Budgets: initial JS ≤ 200 KB gzip; Lighthouse accessibility 100 in every run; median performance
 * ≥ 90 with both presets. Exit code 1 when a budget is missed (`--no-fail` to only report).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { buildClient } from '../server/build-client.ts';
import { CHROMIUM_PATH } from '../tests/helpers/browser.ts';
import { freePort, startServer } from '../tests/helpers/server-process.ts';

const { values } = parseArgs({
  options: {
    'no-fail': { type: 'boolean', default: false },
    'skip-lighthouse': { type: 'boolean', default: false },
    period: { type: 'string', default: '2024-06' },
    runs: { type: 'string', default: '3' },
    preset: { type: 'string' },
    page: { type: 'string', multiple: true },
  },
});

const root = path.join(import.meta.dirname, '..');
const dist = path.join(root, 'dist', 'client');
const DVO = 'deventer-konnected-2024';
const BUDGET_INITIAL_GZIP = 200 * 1024;
const RUNS = Number(values.runs);
let lost = 0;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(8)} KB`;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

function gzipSize(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

/** The entry chunk and, recursively, its static imports, as files relative to dist/client. */
function initialFiles(manifest: Record<string, ManifestChunk>): { js: string[]; css: string[] } {
  const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entryKey) throw new Error('geen entry in .vite/manifest.json');
  const js = new Set<string>();
  const css = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || js.has(chunk.file)) return;
    js.add(chunk.file);
    for (const c of chunk.css ?? []) css.add(c);
    for (const i of chunk.imports ?? []) visit(i);
  };
  visit(entryKey);
  return { js: [...js], css: [...css] };
}

/** What index.html itself loads: the entry script and every modulepreload (a cross-check on the manifest). */
function htmlScripts(): string[] {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const found = [
    ...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g),
  ];
  return [...new Set(found.map((m) => m[1] as string))];
}

async function buildAndMeasure(): Promise<{ initialGzip: number }> {
  console.log('Client bouwen (vite build)…');
  // the same build as `npm start` makes (NODE_ENV=production while building)
  await buildClient({ manifest: true });
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const initial = initialFiles(manifest);
  const files = walk(dist)
    .filter((f) => !f.includes(`${path.sep}.vite${path.sep}`))
    .map((f) => ({ name: path.relative(dist, f), raw: statSync(f).size, gzip: gzipSize(f) }))
    .sort((a, b) => b.gzip - a.gzip);

  console.log('\nBestanden in dist/client (gesorteerd op gzip):');
  console.log(`${'bestand'.padEnd(58)}${'raw'.padStart(11)}${'gzip'.padStart(11)}  eerste lading`);
  for (const f of files) {
    const first = initial.js.includes(f.name) || initial.css.includes(f.name) || f.name === 'index.html';
    console.log(`${f.name.padEnd(58)}${kb(f.raw)}${kb(f.gzip)}  ${first ? 'ja' : ''}`);
  }
  const sum = (names: string[], key: 'raw' | 'gzip') =>
    names.reduce((n, name) => n + (files.find((f) => f.name === name)?.[key] ?? 0), 0);
  const initialRaw = sum(initial.js, 'raw');
  const initialGzip = sum(initial.js, 'gzip');
  const allJs = files.filter((f) => f.name.endsWith('.js'));
  console.log(
    `\nAlle JavaScript: ${allJs.length} bestanden, ${kb(allJs.reduce((n, f) => n + f.raw, 0)).trim()} raw, ${kb(allJs.reduce((n, f) => n + f.gzip, 0)).trim()} gzip`,
  );
  console.log(
    `Eerste JavaScript (entry + statische imports: ${initial.js.join(', ')}): ${kb(initialRaw).trim()} raw, ${kb(initialGzip).trim()} gzip (budget ${kb(BUDGET_INITIAL_GZIP).trim()})`,
  );
  console.log(`CSS bij de eerste lading: ${kb(sum(initial.css, 'gzip')).trim()} gzip`);
  const fromHtml = htmlScripts();
  const missing = fromHtml.filter((f) => !initial.js.includes(f));
  if (missing.length > 0) console.log(`Let op: index.html laadt ook ${missing.join(', ')}`);
  return { initialGzip };
}

async function login(url: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'beheerder', password }),
  });
  if (!response.ok) throw new Error(`inloggen mislukt: ${response.status}`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  return cookie.join('; ');
}

async function launchChromium(): Promise<{ port: number; child: ChildProcess; dir: string }> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium ontbreekt op ${CHROMIUM_PATH}`);
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'dvo-lighthouse-'));
  const child = spawn(
    CHROMIUM_PATH,
    [
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${dir}`,
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/json/version`);
      if (r.ok) return { port, child, dir };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error('Chromium start niet (geen DevTools-poort)');
}

interface Scores {
  preset: string;
  error?: string;
  lcpElement: string;
  shifts: string[];
  performance: number;
  accessibility: number;
  metrics: string;
  failedA11y: string[];
}

const NO_SCORES = { lcpElement: '', shifts: [], performance: 0, accessibility: 0, metrics: '', failedA11y: [] };

/** The screens measured, by name: each the URL of one screen with the demo data. */
const PAGES: Record<string, (period: string) => string> = {
  maand: (period) => `/dvo/${DVO}/maand/${period}`,
  kwartaal: (period) => `/dvo/${DVO}/kwartaal/${period.slice(0, 4)}-Q${Math.ceil(Number(period.slice(5, 7)) / 3)}`,
  indicator: (period) => `/dvo/${DVO}/indicator/uitstroom?period=${period}`,
  afwijkingen: (period) => `/dvo/${DVO}/afwijkingen?periode=${period}`,
};
const pages = values.page ?? Object.keys(PAGES);
for (const name of pages) {
  if (!PAGES[name]) throw new Error(`onbekende pagina ${name}: kies uit ${Object.keys(PAGES).join(', ')}`);
}

async function runLighthouse(
  url: string,
  port: number,
  cookie: string,
  preset: 'mobiel' | 'desktop',
  page: string,
): Promise<Scores> {
  const result = await lighthouse(
    url,
    {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      extraHeaders: { Cookie: cookie },
      locale: 'nl',
      ...(process.env.LH_CPU_PROFILE ? { additionalTraceCategories: 'disabled-by-default-v8.cpu_profiler' } : {}),
    },
    preset === 'desktop' ? desktopConfig : undefined,
  );
  if (!result) throw new Error('Lighthouse gaf geen resultaat');
  // the whole report, for a closer look at what a score is made of
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  writeFileSync(path.join(root, '.tmp', `lighthouse-${page}-${preset}.json`), result.report as string);
  const trace = (result.artifacts as { Trace?: unknown }).Trace;
  if (trace) {
    writeFileSync(path.join(root, '.tmp', `lighthouse-${page}-${preset}.trace.json`), JSON.stringify(trace));
  }
  const { categories, audits } = result.lhr;
  if (result.lhr.runtimeError) return { ...NO_SCORES, preset, error: result.lhr.runtimeError.code };
  const metric = (id: string) => audits[id]?.displayValue ?? '–';
  const failedA11y = (categories.accessibility?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0 && audits[ref.id]?.score !== null && (audits[ref.id]?.score ?? 1) < 1)
    .map((ref) => {
      const details = audits[ref.id]?.details as
        | { items?: { node?: { selector?: string; snippet?: string } }[] }
        | undefined;
      const nodes = (details?.items ?? []).slice(0, 5).map((i) => `${i.node?.selector ?? ''} ${i.node?.snippet ?? ''}`);
      return `${ref.id}: ${audits[ref.id]?.title ?? ''}${nodes.map((n) => `\n      ${n}`).join('')}`;
    });
  const nodesOf = (id: string) => {
    const details = audits[id]?.details as
      | { items?: { node?: { selector?: string }; items?: { node?: { selector?: string } }[]; score?: number }[] }
      | undefined;
    return (details?.items ?? [])
      .flatMap((i) => (i.node ? [i] : (i.items ?? [])))
      .slice(0, 4)
      .map(
        (i) =>
          `${i.node?.selector ?? ''}${'score' in i && typeof i.score === 'number' ? ` (${i.score.toFixed(3)})` : ''}`,
      );
  };
  const lcpElement = nodesOf('largest-contentful-paint-element')[0] ?? '–';
  const shifts = nodesOf('layout-shifts');
  return {
    preset,
    lcpElement,
    shifts,
    performance: Math.round((categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
    metrics: `FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')}, SI ${metric('speed-index')}`,
    failedA11y,
  };
}

const { initialGzip } = await buildAndMeasure();
let failed = initialGzip > BUDGET_INITIAL_GZIP;

if (!values['skip-lighthouse']) {
  console.log('\nServer starten met demodata…');
  const server = await startServer();
  const chromium = await launchChromium();
  try {
    if (!server.beheerderPassword) throw new Error('de server gaf geen beheerderswachtwoord');
    const cookie = await login(server.url, server.beheerderPassword);
    const shell = await (await fetch(`${server.url}/`, { headers: { cookie } })).text();
    const entry = /<script[^>]+src="([^"]+\.js)"/.exec(shell)?.[1];
    const probe = entry && (await fetch(`${server.url}${entry}`, { headers: { 'accept-encoding': 'gzip, br' } }));
    const encoding = probe ? probe.headers.get('content-encoding') : null;
    console.log(
      encoding
        ? `  (JavaScript gaat ${encoding}-gecomprimeerd over de lijn)`
        : '  (de server comprimeert niet: JavaScript gaat ongecomprimeerd over de lijn, zie "raw" hierboven)',
    );
    const presets = (['mobiel', 'desktop'] as const).filter((p) => !values.preset || p === values.preset);
    for (const [name, preset] of pages.flatMap((name) => presets.map((preset) => [name, preset] as const))) {
      const url = `${server.url}${PAGES[name]?.(values.period)}`;
      if (preset === presets[0]) console.log(`\nLighthouse 12 op ${name}: ${url}`);
      const runs: Scores[] = [];
      while (runs.length < RUNS) {
        const s = await runLighthouse(url, chromium.port, cookie, preset, name);
        if (s.error) {
          // Lighthouse now and then loses its trace (NO_NAVSTART); such a run measures nothing
          console.log(`  ${preset.padEnd(8)} run mislukt (${s.error}), opnieuw`);
          if (++lost > 3) throw new Error('Lighthouse faalt steeds');
          continue;
        }
        runs.push(s);
        console.log(
          `  ${s.preset.padEnd(8)} performance ${s.performance}  accessibility ${s.accessibility}  (${s.metrics})`,
        );
      }
      const median = [...runs].sort((a, b) => a.performance - b.performance)[Math.floor(runs.length / 2)] as Scores;
      console.log(`  ${preset.padEnd(8)} mediaan van ${runs.length}: performance ${median.performance}`);
      console.log(`    LCP-element: ${median.lcpElement}`);
      if (median.shifts.length > 0) console.log(`    verschuivingen: ${median.shifts.join('; ')}`);
      for (const a of new Set(runs.flatMap((r) => r.failedA11y))) console.log(`    toegankelijkheid: ${a}`);
      if (runs.some((r) => r.accessibility < 100) || median.performance < 90) failed = true;
    }
    if (presets.length < 2) failed = true; // a budget not measured is not met
  } finally {
    chromium.child.kill();
    await new Promise((resolve) => setTimeout(resolve, 300));
    rmSync(chromium.dir, { recursive: true, force: true });
    await server.stop();
  }
}

if (failed) {
  console.log(
    '\nEen budget is niet gehaald (eerste JS ≤ 200 KB gzip, accessibility 100, performance ≥ 90 mobiel en desktop).',
  );
  if (!values['no-fail']) process.exitCode = 1;
} else {
  console.log('\nAlle budgetten gehaald.');
}
