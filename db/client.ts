import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * How long a write waits for another connection's write lock. better-sqlite3 is synchronous, so in the
 * server this wait blocks every request: it stays short, and a write that does not get the lock answers
 * 503 (`isBusyError`). A command line process blocks nobody but itself and waits longer.
 */
export const SERVING_BUSY_TIMEOUT_MS = 200;
export const BATCH_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (and creates) the SQLite file with WAL, foreign keys and a busy timeout, so readers never
 * block the single writer and a second writer waits a moment instead of failing at once.
 */
export function openDb(file: string, options: { busyTimeoutMs?: number } = {}): Db {
  // a fresh clone has no data/ folder yet
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  setBusyTimeout(sqlite, options.busyTimeoutMs ?? SERVING_BUSY_TIMEOUT_MS);
  return drizzle(sqlite, { schema }) as Db;
}

export function setBusyTimeout(sqlite: Database.Database, ms: number): void {
  sqlite.pragma(`busy_timeout = ${Math.trunc(ms)}`);
}

/** Whether SQLite gave up waiting for another connection's lock (SQLITE_BUSY and its variants). */
export function isBusyError(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY');
}

/** Applies the committed drizzle-kit migrations; idempotent. */
export function migrateDb(db: Db): void {
  migrate(db, { migrationsFolder });
}

/** The hashes of the committed migrations in order, as drizzle records them in `__drizzle_migrations`. */
export function migrationHashes(): string[] {
  return readMigrationFiles({ migrationsFolder }).map((m) => m.hash);
}

/**
 * Runs `fn` in one `BEGIN IMMEDIATE` transaction: all of it is written or none. Queries on `db`
 * inside `fn` share the connection and so the transaction; `immediate` takes the write lock up front,
 * so two writers queue on the busy timeout instead of failing halfway; past it nothing was written.
 */
export function inTransaction<T>(db: Db, fn: () => T): T {
  let runner = transactionRunners.get(db.$client);
  if (!runner) {
    // one transaction function per connection: better-sqlite3 prepares BEGIN/COMMIT once for it
    runner = db.$client.transaction((work: () => unknown) => work());
    transactionRunners.set(db.$client, runner);
  }
  return runner.immediate(fn) as T;
}

const transactionRunners = new WeakMap<Database.Database, Database.Transaction<(work: () => unknown) => unknown>>();
const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();
const preparedQueries = new WeakMap<Database.Database, Map<(db: Db) => unknown, unknown>>();

/**
 * A query of the query builder, built and prepared once per connection (`.prepare()` with
 * `sql.placeholder` values): for a query run on every delivery, where building the SQL anew each
 * call costs more than running it (decision 0015). `build` is the cache key: pass a module-level
 * function. A placeholder for a json column is encoded even when null (as the text 'null'), so such
 * a column takes a value here only when it is never null.
 */
export function preparedQuery<T>(db: Db, build: (db: Db) => T): T {
  let cache = preparedQueries.get(db.$client);
  if (!cache) {
    cache = new Map();
    preparedQueries.set(db.$client, cache);
  }
  let query = cache.get(build) as T | undefined;
  if (query === undefined) {
    query = build(db);
    cache.set(build, query);
  }
  return query;
}

/**
 * A raw SQL statement prepared once per connection. Only for the measured hot path of decision 0015,
 * the figures (their load for an evaluation or a delivery, their per-row writes), each with a comment
 * naming its measurement; everything else goes through the query builder, typed by the schema.
 */
export function cachedStatement(db: Db, sql: string): Database.Statement {
  let cache = statementCache.get(db.$client);
  if (!cache) {
    cache = new Map();
    statementCache.set(db.$client, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.$client.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}
