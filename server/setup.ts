import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { type Db, migrateDb } from '../db/client.ts';
import { dvos, figures } from '../db/schema.ts';
import { firstReadingPath, loadCatalogueFile, shippedCataloguePaths } from '../fixtures/catalogue.ts';
import { loadCatalogue } from './core/catalogue.ts';
import { createUser, hasBeheerder } from './core/users/repository.ts';

export interface Logger {
  info(message: string): void;
}

/** Migrations and the shipped catalogues; idempotent, run at every start and by `cli migrate`. */
export function prepareDatabase(db: Db, log: Logger): void {
  migrateDb(db);
  for (const file of shippedCataloguePaths()) {
    const catalogue = loadCatalogueFile(file);
    const firstReading = firstReadingPath(catalogue.slug);
    const { added, corrected, retired } = loadCatalogue(
      db,
      catalogue,
      firstReading ? { firstReading: loadCatalogueFile(firstReading) } : {},
    );
    if (added > 0) log.info(`Catalogus ${catalogue.slug}: ${added} afspraken geladen.`);
    if (corrected.length > 0 || retired.length > 0) {
      const parts = [
        corrected.length > 0 ? `gecorrigeerd: ${corrected.join(', ')}` : '',
        retired.length > 0 ? `vervallen: ${retired.join(', ')}` : '',
      ].filter(Boolean);
      log.info(`Catalogus ${catalogue.slug}: lezing gecorrigeerd (${parts.join('; ')}).`);
    }
  }
}

/** When no beheerder exists, creates `beheerder` with a random password and returns it (printed once). */
export async function ensureBeheerder(db: Db, now: Date): Promise<string | null> {
  if (hasBeheerder(db)) return null;
  const password = randomBytes(12).toString('base64url');
  await createUser(db, { username: 'beheerder', password, role: 'beheerder' }, now);
  return password;
}

export function dvoHasFigures(db: Db, slug: string): boolean {
  const row = db
    .select({ n: count() })
    .from(figures)
    .innerJoin(dvos, eq(dvos.id, figures.dvoId))
    .where(eq(dvos.slug, slug))
    .get();
  return (row?.n ?? 0) > 0;
}
