import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

function startWorker(seed: number): { child: ChildProcess; output: () => string } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/robustness/import-worker.ts', '--db', dbFile, '--seed', String(seed)],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  return { child, output: () => output };
}

/** Every figure as text, in id order: equal snapshots mean nothing was changed. */
function figuresUpTo(db: Database.Database, maxId: number): string {
  return JSON.stringify(db.prepare('select * from figures where id <= ? order by id').all(maxId));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'dvo-crash-'));
  dbFile = path.join(dir, 'crash.db');
  const db = openDb(dbFile);
  prepareDatabase(db, { info: () => undefined });
  await loadDemoData(db, { info: () => undefined });
  db.$client.close();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a kill -9 in the middle of imports', () => {
  it('leaves a sound database with every import whole or absent, and earlier figures untouched', async () => {
    const before = new Database(dbFile, { readonly: true });
    const demoMaxId = (before.prepare('select max(id) as id from figures').get() as { id: number }).id;
    const demoFigures = figuresUpTo(before, demoMaxId);
    before.close();

    const demo = new Database(dbFile, { readonly: true });
    let importsBefore = (demo.prepare('select count(*) as n from imports').get() as { n: number }).n;
    demo.close();
    let killedMidDelivery = 0;
    // kill at different moments: right after a delivery started, and a little later
    for (const [round, delayMs] of [0, 15, 40, 80].entries()) {
      const worker = startWorker(round + 1);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`worker never started:\n${worker.output()}`)), 60_000);
        const check = () => {
          // wait until the second delivery is under way, then kill it mid-flight
          if (/importing 2\n/.test(worker.output())) {
            clearTimeout(timer);
            setTimeout(() => {
              worker.child.kill('SIGKILL');
              resolve();
            }, delayMs);
          } else setTimeout(check, 2);
        };
        check();
      });
      if (worker.child.exitCode === null) await new Promise((resolve) => worker.child.once('exit', resolve));
      const started = (worker.output().match(/^importing /gm) ?? []).length;
      const finished = (worker.output().match(/^imported /gm) ?? []).length;
      if (started > finished) killedMidDelivery += 1;

      const db = new Database(dbFile);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      // every import that was recorded has exactly its figures; no figure points at a missing import
      const imports = db.prepare('select id, created_count + changed_count as n from imports').all() as {
        id: number;
        n: number;
      }[];
      // the deliveries the worker finished are stored; the one it was killed in is not
      expect(imports.length - importsBefore).toBe(finished);
      importsBefore = imports.length;
      for (const imp of imports) {
        const stored = db.prepare('select count(*) as n from figures where import_id = ?').get(imp.id) as { n: number };
        expect(stored.n, `import ${imp.id}`).toBe(imp.n);
      }
      expect(
        db.prepare('select count(*) as n from figures where import_id not in (select id from imports)').get(),
      ).toEqual({ n: 0 });
      // one current revision per key, always
      expect(
        db
          .prepare(
            'select count(*) as n from (select 1 from figures where superseded_at is null group by dvo_id, indicator_id, period, segment having count(*) > 1)',
          )
          .get(),
      ).toEqual({ n: 0 });
      // the demo figures themselves were never rewritten, only superseded
      const demo = JSON.parse(figuresUpTo(db, demoMaxId)) as { superseded_at: string | null }[];
      const original = JSON.parse(demoFigures) as { superseded_at: string | null }[];
      expect(demo.map((f) => ({ ...f, superseded_at: null }))).toEqual(
        original.map((f) => ({ ...f, superseded_at: null })),
      );
      db.close();
    }
    expect(killedMidDelivery).toBeGreaterThanOrEqual(3);
  }, 240_000);
});
