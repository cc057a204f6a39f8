import { and, eq } from 'drizzle-orm';
import { type Db, inTransaction } from '../../db/client.ts';
import { dvos, indicators, organisations } from '../../db/schema.ts';
import type { DvoCatalogue, Organisation } from '../../shared/contracts/catalogue.ts';
import type { DvoState } from '../../shared/contracts/dvos.ts';
import { bumpDataVersion } from './figures/data-version.ts';
import { recordCatalogueVersion } from './norms/norms.ts';

function upsertOrganisation(db: Db, org: Organisation): number {
  const found = db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, org.slug)).get();
  if (found) return found.id;
  return db.insert(organisations).values(org).returning({ id: organisations.id }).get().id;
}

/**
 * Loads a DVO catalogue into the database; idempotent. A DVO or indicator that exists already is left
 * as it is, so norms edited after the first load (placeholders replaced by the real benchmark) are
 * never overwritten by the shipped file. New indicators in the file are added, each with its norm as
 * version 1 (decision 0021); later norms are versions recorded through core/norms.
 */
export function loadCatalogue(
  db: Db,
  catalogue: DvoCatalogue,
  /** A DVO created here starts in this state: `draft` for next year's DVO (decision 0024). */
  options: { state?: DvoState } = {},
): { dvoId: number; added: number } {
  return inTransaction(db, () => {
    const opdrachtgeverId = upsertOrganisation(db, catalogue.opdrachtgever);
    const opdrachtnemerId = upsertOrganisation(db, catalogue.opdrachtnemer);
    let dvo = db.select({ id: dvos.id, year: dvos.year }).from(dvos).where(eq(dvos.slug, catalogue.slug)).get();
    if (!dvo) {
      dvo = db
        .insert(dvos)
        .values({
          slug: catalogue.slug,
          name: catalogue.name,
          year: catalogue.year,
          opdrachtgeverId,
          opdrachtnemerId,
          chapters: catalogue.chapters,
          state: options.state ?? 'active',
        })
        .returning({ id: dvos.id, year: dvos.year })
        .get();
    }
    let added = 0;
    catalogue.indicators.forEach((indicator, sortOrder) => {
      const exists = db
        .select({ id: indicators.id })
        .from(indicators)
        .where(and(eq(indicators.dvoId, dvo.id), eq(indicators.code, indicator.code)))
        .get();
      if (exists) return;
      const { id } = db
        .insert(indicators)
        .values({ dvoId: dvo.id, code: indicator.code, sortOrder, definition: indicator })
        .returning({ id: indicators.id })
        .get();
      recordCatalogueVersion(db, dvo.id, id, dvo.year, indicator);
      added += 1;
    });
    if (added > 0) bumpDataVersion(db, dvo.id);
    return { dvoId: dvo.id, added };
  });
}
