import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Db } from '../../db/client.ts';
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
 * Puts a backup back: checks that it is a sound dvo-monitor database, then copies it over the live
 * one page by page through SQLite (so open connections see either the old or the restored database).
 * Stop the server first: sessions and caches of a running server would still be from before.
 */
export async function restoreDatabase(source: string, target: string): Promise<{ pages: number }> {
  if (!existsSync(source)) throw new AppError('not_found', `Back-up ${source} bestaat niet.`);
  let backup: Database.Database;
  try {
    backup = new Database(source, { readonly: true, fileMustExist: true });
  } catch {
    throw new AppError('validation_failed', `${source} is geen SQLite-database.`);
  }
  try {
    let integrity: unknown;
    try {
      integrity = backup.pragma('integrity_check', { simple: true });
    } catch {
      throw new AppError('validation_failed', `${source} is geen SQLite-database.`);
    }
    if (integrity !== 'ok') throw new AppError('validation_failed', `De back-up is beschadigd: ${String(integrity)}`);
    const isOurs = backup
      .prepare(
        "select count(*) as n from sqlite_master where type = 'table' and name in ('dvos', 'figures', '__drizzle_migrations')",
      )
      .get() as { n: number };
    if (isOurs.n !== 3) throw new AppError('validation_failed', `${source} is geen dvo-monitor-database.`);
    const result = await backup.backup(target);
    return { pages: result.totalPages };
  } finally {
    backup.close();
  }
}
