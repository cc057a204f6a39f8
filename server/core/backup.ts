import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type Db, isBusyError, migrateDb, migrationHashes, openDb } from '../../db/client.ts';
import { AppError } from '../errors.ts';

/**
 * A consistent online copy with SQLite's backup API: readers and writers go on while it runs, and the
 * copy is the database as it stood at one moment (a delivery is in it whole or not at all).
 */
export async function backupDatabase(db: Db, target: string): Promise<{ pages: number }> {
  if (existsSync(target)) throw new AppError('conflict', `${target} bestaat al; kies een nieuwe bestandsnaam.`);
  const result = await db.$client.backup(target);
  const check = new Database(target, { readonly: true });
  try {
    const integrity = check.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new AppError('internal', `De kopie is niet in orde: ${integrity}`);
  } finally {
    check.close();
  }
  return { pages: result.totalPages };
}

/**
 * Puts a backup back, after checking that it is one of ours and that nothing else uses the database:
 * - a sound SQLite file (`integrity_check`);
 * - its `__drizzle_migrations` are our migrations, all or the first ones (a backup of an earlier
 *   version); a later or foreign version is refused, since its tables would not be what our code reads;
 * - brought up to date on a temporary copy, its tables, columns and indexes are exactly those of a
 *   freshly migrated database, so a file with merely the same table names is refused;
 * - no other connection has the database open (a running server, an import): see `requireNotInUse`.
 * Then the migrated copy is written over the database page by page through SQLite.
 */
export async function restoreDatabase(source: string, target: string): Promise<{ pages: number }> {
  if (!existsSync(source)) throw new AppError('not_found', `Back-up ${source} bestaat niet.`);
  const notOurs = new AppError('validation_failed', `${source} is geen back-up van dvo-monitor.`);
  let backup: Database.Database;
  try {
    backup = new Database(source, { readonly: true, fileMustExist: true });
  } catch {
    throw new AppError('validation_failed', `${source} is geen SQLite-database.`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'dvo-restore-'));
  try {
    let integrity: unknown;
    try {
      integrity = backup.pragma('integrity_check', { simple: true });
    } catch {
      throw new AppError('validation_failed', `${source} is geen SQLite-database.`);
    }
    if (integrity !== 'ok') throw new AppError('validation_failed', `De back-up is beschadigd: ${String(integrity)}`);
    let applied: string[];
    try {
      applied = (backup.prepare('select hash from __drizzle_migrations order by id').all() as { hash: string }[]).map(
        (row) => row.hash,
      );
    } catch {
      throw notOurs;
    }
    const ours = migrationHashes();
    if (applied.length === 0) throw notOurs;
    if (applied.length > ours.length || applied.some((hash, i) => hash !== ours[i])) {
      throw new AppError(
        'validation_failed',
        `${source} komt van een versie van dvo-monitor die deze niet kent; zet hem terug met die versie.`,
      );
    }
    const copyFile = path.join(dir, 'restore.db');
    await backup.backup(copyFile);
    const copy = openDb(copyFile);
    try {
      try {
        migrateDb(copy);
      } catch {
        throw notOurs;
      }
      if (schemaOf(copy) !== freshSchema()) throw notOurs;
      requireNotInUse(target);
      const result = await copy.$client.backup(target);
      return { pages: result.totalPages };
    } finally {
      copy.$client.close();
    }
  } finally {
    backup.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Tables, columns (in their CREATE statements), indexes and triggers, without SQLite's own. */
function schemaOf(db: Db): string {
  return JSON.stringify(
    db.$client
      .prepare(
        "select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite\\_%' escape '\\' order by type, name",
      )
      .all(),
  );
}

function freshSchema(): string {
  const fresh = openDb(':memory:');
  try {
    migrateDb(fresh);
    return schemaOf(fresh);
  } finally {
    fresh.$client.close();
  }
}

/**
 * Refuses when any other connection has the database open. Every connection of ours keeps it in WAL
 * mode, and leaving WAL mode needs the database to itself: SQLite answers SQLITE_BUSY while another
 * connection (a running server, a CLI import) is open. No lock file to go stale after a crash. The
 * check and the copy are not one step: a server started in the same instant is not caught.
 */
function requireNotInUse(target: string): void {
  if (!existsSync(target)) return;
  const inUse = new AppError(
    'conflict',
    'De database is in gebruik: stop eerst de server (en andere opdrachten) en zet dan de back-up terug.',
  );
  const probe = new Database(target, { fileMustExist: true });
  try {
    probe.pragma('busy_timeout = 0');
    probe.pragma('journal_mode = WAL');
    // SQLite either fails with SQLITE_BUSY or keeps the old mode when it cannot switch
    if (probe.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') throw inUse;
  } catch (error) {
    throw isBusyError(error) ? inUse : error;
  } finally {
    probe.close();
  }
}
