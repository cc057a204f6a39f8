import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client.ts';
import { loadDemoData } from '../../server/demo.ts';
import { prepareDatabase } from '../../server/setup.ts';

const root = path.join(import.meta.dirname, '..', '..');
let dir: string;
let dbFile: string;
let worker: ChildProcess;

function cli(args: string[], database: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_PATH: database },
  });
}

const TABLES = [
  'organisations',
  'dvos',
  'indicators',
  'users',
  'imports',
  'figures',
  'assessments',
  'period_locks',
  'audit_log',
];

function dump(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  const result = Object.fromEntries(TABLES.map((t) => [t, db.prepare(`select * from ${t} order by rowid`).all()]));
  db.close();
  return result;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'dvo-backup-'));
  dbFile = path.join(dir, 'live.db');
  const db = openDb(dbFile);
  prepareDatabase(db, { info: () => undefined });
  await loadDemoData(db, { info: () => undefined });
  db.$client.close();
});
afterAll(() => {
  worker?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('backup while imports run, and restore', () => {
  it('takes a consistent online copy and restores it exactly', async () => {
    worker = spawn(process.execPath, ['--import', 'tsx', 'tests/robustness/import-worker.ts', '--db', dbFile], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    worker.stdout?.on('data', (d) => {
      output += d;
    });
    await new Promise<void>((resolve) => {
      const check = () => (/imported 2 /.test(output) ? resolve() : setTimeout(check, 20));
      check();
    });

    const copy = path.join(dir, 'kopie.db');
    const backup = cli(['backup', copy], dbFile);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/integriteit gecontroleerd/);
    // let the worker write on after the backup, so the live database moves past the copy (read from
    // the databases themselves: the worker's output can lag behind its commits on a busy machine)
    const importCount = (file: string) => {
      const sqlite = new Database(file, { readonly: true });
      try {
        return (sqlite.prepare('select count(*) as n from imports').get() as { n: number }).n;
      } finally {
        sqlite.close();
      }
    };
    const inCopy = importCount(copy);
    await new Promise<void>((resolve) => {
      const check = () => (importCount(dbFile) >= inCopy + 2 ? resolve() : setTimeout(check, 20));
      check();
    });
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker.once('exit', resolve));
    // the killed worker left its last commits in the WAL: fold them into the file, which the tests
    // below copy on their own (a copy of the main file alone would miss them)
    const live = new Database(dbFile);
    live.pragma('wal_checkpoint(TRUNCATE)');
    live.close();

    // the copy is whole: every import in it has exactly its figures
    const kopie = new Database(copy, { readonly: true });
    expect(kopie.pragma('integrity_check', { simple: true })).toBe('ok');
    for (const imp of kopie.prepare('select id, created_count + changed_count as n from imports').all() as {
      id: number;
      n: number;
    }[]) {
      expect(
        (kopie.prepare('select count(*) as n from figures where import_id = ?').get(imp.id) as { n: number }).n,
      ).toBe(imp.n);
    }
    kopie.close();
    const backedUp = dump(copy);
    expect(dump(dbFile).imports?.length).toBeGreaterThan(backedUp.imports?.length ?? 0);

    // restore into a copy of the live database: afterwards it equals the backup, table by table
    const restored = path.join(dir, 'hersteld.db');
    copyFileSync(dbFile, restored);
    const restore = cli(['restore', copy], restored);
    expect(restore.status, restore.stderr).toBe(0);
    expect(dump(restored)).toEqual(backedUp);
  }, 180_000);

  it('refuses a SQLite file that only has tables named like ours, and leaves the database as it was', () => {
    const foreign = path.join(dir, 'vreemd.db');
    const db = new Database(foreign);
    db.exec(`create table dvos (x); create table figures (y);
             create table __drizzle_migrations (id integer primary key, hash text, created_at numeric)`);
    db.close();
    const target = path.join(dir, 'doel-vreemd.db');
    copyFileSync(dbFile, target);
    const before = dump(target);
    const result = cli(['restore', foreign], target);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`${foreign} is geen back-up van dvo-monitor.`);
    expect(dump(target)).toEqual(before);
  });

  it('refuses a backup of a schema version it does not know', () => {
    const unknown = path.join(dir, 'onbekend.db');
    copyFileSync(dbFile, unknown);
    const db = new Database(unknown);
    db.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run('f'.repeat(64), Date.now());
    db.close();
    const result = cli(['restore', unknown], path.join(dir, 'doel-onbekend.db'));
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      `${unknown} komt van een versie van dvo-monitor die deze niet kent; zet hem terug met die versie.`,
    );
  });

  it('refuses while another process has the database open, as a running server has', () => {
    const target = path.join(dir, 'in-gebruik.db');
    copyFileSync(dbFile, target);
    const server = openDb(target);
    try {
      const result = cli(['restore', dbFile], target);
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(
        'De database is in gebruik: stop eerst de server (en andere opdrachten) en zet dan de back-up terug.',
      );
    } finally {
      server.$client.close();
    }
    expect(cli(['restore', dbFile], target).status).toBe(0);
  });

  it('refuses to restore a file that is not a dvo-monitor database', () => {
    const result = cli(['restore', path.join(root, 'package.json')], path.join(dir, 'x.db'));
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/geen SQLite-database/);
  });
});
