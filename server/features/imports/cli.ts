import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema.ts';
import type { ImportResult } from '../../../shared/contracts/figures.ts';
import { findDvo } from '../../core/dvo-access.ts';
import { AppError, withNothingStored } from '../../errors.ts';
import { importFile } from './service.ts';

const CLI_USER = 'cli';

/** The account a CLI import is recorded under: `--as <user>`, else a disabled system account `cli`. */
function cliUserId(db: Db, username: string | null): number {
  if (username) {
    const user = db.select({ id: users.id }).from(users).where(eq(users.username, username)).get();
    if (!user) throw new AppError('not_found', `Gebruiker '${username}' bestaat niet.`);
    return user.id;
  }
  const existing = db.select({ id: users.id }).from(users).where(eq(users.username, CLI_USER)).get();
  if (existing) return existing.id;
  return db
    .insert(users)
    .values({
      username: CLI_USER,
      passwordHash: '!systeemaccount-kan-niet-inloggen',
      role: 'beheerder',
      disabled: true,
      createdAt: new Date().toISOString(),
    })
    .returning({ id: users.id })
    .get().id;
}

interface CliImport {
  slug: string;
  file: string;
  dryRun: boolean;
  as: string | null;
  maxBytes?: number;
}

/**
 * `cli import`: the same path as `POST /imports`, with the same size limit and messages; a refusal
 * says that nothing was stored, as the API's does.
 */
export async function importFromCli(db: Db, options: CliImport): Promise<ImportResult> {
  try {
    return await importFileFromCli(db, options);
  } catch (error) {
    if (error instanceof AppError && error.statusCode < 500) {
      throw new AppError(error.code, withNothingStored(error.message), error.details);
    }
    throw error;
  }
}

async function importFileFromCli(db: Db, options: CliImport): Promise<ImportResult> {
  const dvo = findDvo(db, options.slug);
  if (!dvo) throw new AppError('not_found', `DVO '${options.slug}' bestaat niet.`);
  let size: number;
  try {
    size = statSync(options.file).size;
  } catch {
    throw new AppError('not_found', `Bestand '${options.file}' bestaat niet of is niet leesbaar.`);
  }
  if (options.maxBytes !== undefined && size > options.maxBytes) {
    throw new AppError('too_large', 'Het bestand is groter dan toegestaan.');
  }
  return importFile(db, {
    dvo,
    userId: cliUserId(db, options.as),
    stream: createReadStream(options.file),
    filename: path.basename(options.file),
    dryRun: options.dryRun,
    now: new Date(),
    clock: () => new Date(),
  });
}
