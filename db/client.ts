import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Opens (and creates) the SQLite file with WAL, foreign keys and a busy timeout, so readers never
 * block the single writer and a second process waits instead of failing.
 */
export function openDb(file: string): Db {
  // a fresh clone has no data/ folder yet
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return drizzle(sqlite, { schema }) as Db;
}

/** Applies the committed drizzle-kit migrations; idempotent. */
export function migrateDb(db: Db): void {
  migrate(db, { migrationsFolder });
}

/**
 * Runs `fn` in one `BEGIN IMMEDIATE` transaction: all of it is written or none. Queries on `db`
 * inside `fn` share the connection and so the transaction; `immediate` takes the write lock up front,
 * so two writers queue on the busy timeout instead of failing halfway.
 */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}
