import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** Every import specifier of a file, resolved to a path from the repository root (packages as is). */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map(
    (m) => m[1] as string,
  );
  const dynamic = [...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] as string);
  return [...specifiers, ...dynamic].map((s) =>
    s.startsWith('.') ? path.relative(root, path.resolve(path.dirname(path.join(root, file)), s)) : s,
  );
}

const isProductionCode = (file: string) => !/\.test\.tsx?$/.test(file);

/**
 * The server's layers (decision 0013): a feature (`server/features/<url prefix>/`) imports
 * only itself, `server/core/`, the plugins and the error/schema helpers, `shared/` and `db/`; never
 * another feature or the app. `server/core/` never imports a feature. Returns `file → import` pairs.
 */
function serverLayerViolations(imports: ReadonlyMap<string, readonly string[]>): string[] {
  const offenders: string[] = [];
  for (const [file, targets] of imports) {
    const feature = /^server\/features\/([^/]+)\//.exec(file)?.[1];
    for (const target of targets) {
      const targetFeature = /^server\/features\/([^/]+)\//.exec(target)?.[1];
      const wrong =
        (feature !== undefined &&
          ((targetFeature !== undefined && targetFeature !== feature) ||
            /^server\/(app|main|cli|setup|demo)\.ts$/.test(target))) ||
        (file.startsWith('server/core/') && targetFeature !== undefined);
      if (wrong) offenders.push(`${file} → ${target}`);
    }
  }
  return offenders;
}

/** The feature folder a URL belongs in: `/api/dvos/:dvo/<prefix>…` or `/api/<prefix>…` (admin: `/api/admin/<prefix>`). */
function routeFeature(url: string): string {
  const parts = url.split('/').filter(Boolean);
  if (parts[1] === 'dvos') {
    const prefix = parts.length <= 2 || parts[3] === 'indicators' ? 'dvos' : (parts[3] as string);
    return URL_HOME[prefix] ?? prefix;
  }
  return parts[1] as string;
}

/**
 * URL prefixes served by the feature of a closer one (README "Architecture" lists them): the course
 * of the months beside the month's status, a meeting's items beside the meeting, the delivery
 * template beside the deliveries, a DVO's activation and catalogue file beside the DVO (decision 0024).
 */
const URL_HOME: Record<string, string> = {
  series: 'status',
  'meeting-items': 'meetings',
  template: 'imports',
  activate: 'dvos',
  catalogue: 'dvos',
};

describe('import rules (README "Architecture")', () => {
  it('keeps shared/ pure: no node:*, no server, db, client or fixtures', () => {
    const offenders = sourceFiles('shared')
      .filter(isProductionCode)
      .flatMap((file) =>
        importsOf(file)
          .filter(
            (i) =>
              i.startsWith('node:') ||
              /^(server|db|client|fixtures)\//.test(i) ||
              ['better-sqlite3', 'fastify', 'drizzle-orm'].includes(i),
          )
          .map((i) => `${file} → ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  it('keeps the client off the server and the database', () => {
    const offenders = sourceFiles('client').flatMap((file) =>
      importsOf(file)
        .filter((i) => /^(server|db|fixtures)\//.test(i) || i.startsWith('node:'))
        .map((i) => `${file} → ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('does not let one client feature import another', () => {
    const offenders = sourceFiles('client/src/features').flatMap((file) => {
      const own = file.split('/')[3];
      return importsOf(file)
        .filter((i) => i.startsWith('client/src/features/') && i.split('/')[3] !== own)
        .map((i) => `${file} → ${i}`);
    });
    expect(offenders).toEqual([]);
  });

  it('keeps each server feature to itself and core/, and core/ free of features', () => {
    const files = sourceFiles('server').filter(isProductionCode);
    expect(serverLayerViolations(new Map(files.map((f) => [f, importsOf(f)])))).toEqual([]);
  });

  it('sees a deliberate violation of the server layers', () => {
    const violations = serverLayerViolations(
      new Map([
        ['server/features/meetings/service.ts', ['server/features/deviations/routes.ts', 'server/core/audit.ts']],
        ['server/core/evaluation/evaluation.ts', ['server/features/status/routes.ts', 'shared/domain/evaluate.ts']],
        ['server/features/status/routes.ts', ['server/app.ts', 'server/features/status/cache.ts']],
      ]),
    );
    expect(violations).toEqual([
      'server/features/meetings/service.ts → server/features/deviations/routes.ts',
      'server/core/evaluation/evaluation.ts → server/features/status/routes.ts',
      'server/features/status/routes.ts → server/app.ts',
    ]);
    // and the real tree, with one feature importing another, is caught
    const real = importsOf('server/features/meetings/routes.ts');
    expect(
      serverLayerViolations(
        new Map([['server/features/meetings/routes.ts', [...real, 'server/features/status/routes.ts']]]),
      ),
    ).toEqual(['server/features/meetings/routes.ts → server/features/status/routes.ts']);
  });

  it('has one folder per URL prefix: every /api route is registered in the feature named after it', () => {
    const misplaced = sourceFiles('server/features')
      .filter((f) => f.endsWith('/routes.ts'))
      .flatMap((file) => {
        const feature = file.split('/')[2] as string;
        const text = readFileSync(path.join(root, file), 'utf8');
        return [...text.matchAll(/['"`](\/api\/[^'"`]*)['"`]/g)]
          .map((m) => m[1] as string)
          .filter((url) => routeFeature(url) !== feature)
          .map((url) => `${file}: ${url}`);
      });
    expect(misplaced).toEqual([]);
  });

  it('keeps db/ free of the server and the client', () => {
    const offenders = sourceFiles('db').flatMap((file) =>
      importsOf(file)
        .filter((i) => /^(server|client)\//.test(i))
        .map((i) => `${file} → ${i}`),
    );
    expect(offenders).toEqual([]);
  });
});

/** Raw SQL handed to the driver: a cached raw statement (under any local name), or `prepare` with an SQL string. */
const RAW_SQL = /\bcachedStatement\b|\.prepare\(\s*['"`]/;

/**
 * Where raw SQL may stay (decision 0015): the figures' hot path, the helper that prepares it, and the
 * restore's look at a backup's own schema (sqlite_master, drizzle's migration table), which no table
 * of db/schema.ts describes.
 */
const RAW_SQL_HOMES = [
  'db/client.ts',
  'server/core/backup.ts',
  'server/core/figures/read.ts',
  'server/core/figures/store.ts',
];

describe('one data-access style (decision 0015)', () => {
  it('reads and writes through the query builder outside the measured hot path', () => {
    const offenders = [...sourceFiles('server'), ...sourceFiles('db')]
      .filter(isProductionCode)
      .filter((file) => !RAW_SQL_HOMES.includes(file))
      .filter((file) => RAW_SQL.test(readFileSync(path.join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('sees raw SQL in either form', () => {
    expect(RAW_SQL.test("cachedStatement(db, 'select 1')")).toBe(true);
    expect(RAW_SQL.test('db.$client.prepare(`select 1`)')).toBe(true);
    expect(RAW_SQL.test("import { cachedStatement as statement } from '../db/client.ts';")).toBe(true);
    expect(RAW_SQL.test('db.select().from(dvos).where(eq(dvos.slug, sql.placeholder("slug"))).prepare()')).toBe(false);
  });
});
