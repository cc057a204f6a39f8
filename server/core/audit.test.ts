import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrateDb, openDb } from '../../db/client.ts';
import { recordAudit } from './audit.ts';

const migrationsDir = path.join(import.meta.dirname, '..', '..', 'db', 'migrations');

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dvo-audit-'));
  db = openDb(path.join(dir, 'audit.db'));
});

afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const stored = () =>
  db.$client.prepare('select action, before, after from audit_log order by id').all() as {
    action: string;
    before: string | null;
    after: string | null;
  }[];

describe('recordAudit', () => {
  it('stores nothing before or after as SQL NULL, and a value as its JSON', () => {
    migrateDb(db);
    const now = new Date('2024-07-01T10:00:00Z');
    recordAudit(db, { userId: null, action: 'created', entity: 'dvo', after: { slug: 'x', year: 2024 } }, now);
    recordAudit(db, { userId: null, action: 'deleted', entity: 'dvo', before: [1, 'twee'], after: null }, now);
    recordAudit(db, { userId: null, action: 'zero', entity: 'dvo', before: 0, after: false }, now);
    expect(stored()).toEqual([
      { action: 'created', before: null, after: '{"slug":"x","year":2024}' },
      { action: 'deleted', before: '[1,"twee"]', after: null },
      { action: 'zero', before: '0', after: 'false' },
    ]);
  });

  it("turns the text 'null' that earlier audit rows held into SQL NULL when the database is migrated", () => {
    // the database as the code before migration 0009 left it
    const folder = path.join(dir, 'migrations-before');
    cpSync(migrationsDir, folder, { recursive: true });
    const journalFile = path.join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.tag < '0009');
    writeFileSync(journalFile, JSON.stringify(journal));
    migrate(db, { migrationsFolder: folder });
    const insert = db.$client.prepare(
      "insert into audit_log (at, action, entity, before, after) values ('2024-07-01T10:00:00Z', ?, 'dvo', ?, ?)",
    );
    insert.run('before-null', 'null', '{"a":1}');
    insert.run('after-null', '{"a":2}', 'null');

    migrateDb(db);
    expect(stored()).toEqual([
      { action: 'before-null', before: null, after: '{"a":1}' },
      { action: 'after-null', before: '{"a":2}', after: null },
    ]);
  });
});
