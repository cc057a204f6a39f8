import { and, eq, isNull } from 'drizzle-orm';
import { type Db, inTransaction } from '../../db/client.ts';
import { dvos, indicators, organisations } from '../../db/schema.ts';
import type { DvoCatalogue, Organisation } from '../../shared/contracts/catalogue.ts';
import { bumpDataVersion } from './dvo-access.ts';

function upsertOrganisation(db: Db, org: Organisation): number {
  const found = db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, org.slug)).get();
  if (found) return found.id;
  return db.insert(organisations).values(org).returning({ id: organisations.id }).get().id;
}

/**
 * Loads a DVO catalogue into the database; idempotent. A DVO or indicator that exists already is left
 * as it is, so norms edited after the first load (placeholders replaced by the real benchmark) are
 * never overwritten by the shipped file. New indicators in the file are added.
 */
export function loadCatalogue(
  db: Db,
  catalogue: DvoCatalogue,
  options: { firstReading?: DvoCatalogue; now?: Date } = {},
): { dvoId: number; added: number; corrected: string[]; retired: string[] } {
  return inTransaction(db, () => {
    const opdrachtgeverId = upsertOrganisation(db, catalogue.opdrachtgever);
    const opdrachtnemerId = upsertOrganisation(db, catalogue.opdrachtnemer);
    let dvo = db.select({ id: dvos.id }).from(dvos).where(eq(dvos.slug, catalogue.slug)).get();
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
        })
        .returning({ id: dvos.id })
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
      db.insert(indicators).values({ dvoId: dvo.id, code: indicator.code, sortOrder, definition: indicator }).run();
      added += 1;
    });
    const { corrected, retired } = options.firstReading
      ? correctCatalogue(db, dvo.id, catalogue, options.firstReading, options.now ?? new Date())
      : { corrected: [], retired: [] };
    if (added > 0 || corrected.length > 0 || retired.length > 0) bumpDataVersion(db, dvo.id);
    return { dvoId: dvo.id, added, corrected, retired };
  });
}

/** Why the start-up upgrade changed an agreement (also the reason of a norm version it records). */
export const CORRECTION_REASON = 'Lezing gecorrigeerd (domain.md)';

/**
 * The start-up upgrade of a corrected reading (decision 0022); idempotent. Every stored agreement
 * that is still exactly as `firstReading` shipped it, and differs from the corrected `catalogue`,
 * gets the corrected definition; one the corrected catalogue no longer has is retired (no longer
 * delivered, listed or evaluated; its figures and revisions stay). An agreement edited since the
 * first load differs from the first reading and is left as it is. When anything changes, the
 * agreements take the corrected catalogue's order. Figures are never touched.
 */
function correctCatalogue(
  db: Db,
  dvoId: number,
  catalogue: DvoCatalogue,
  firstReading: DvoCatalogue,
  now: Date,
): { corrected: string[]; retired: string[] } {
  const first = new Map(firstReading.indicators.map((i) => [i.code, i]));
  const shipped = new Map(catalogue.indicators.map((i) => [i.code, i]));
  const stored = db
    .select({ id: indicators.id, code: indicators.code, definition: indicators.definition })
    .from(indicators)
    .where(and(eq(indicators.dvoId, dvoId), isNull(indicators.retiredAt)))
    .all();
  const corrected: string[] = [];
  const retired: string[] = [];
  for (const row of stored) {
    const before = first.get(row.code);
    if (!before || canonicalJson(row.definition) !== canonicalJson(before)) continue;
    const after = shipped.get(row.code);
    if (after === undefined) {
      db.update(indicators)
        .set({ retiredAt: now.toISOString(), retiredReason: CORRECTION_REASON })
        .where(eq(indicators.id, row.id))
        .run();
      retired.push(row.code);
    } else if (canonicalJson(after) !== canonicalJson(before)) {
      db.update(indicators).set({ definition: after }).where(eq(indicators.id, row.id)).run();
      corrected.push(row.code);
    }
  }
  if (corrected.length > 0 || retired.length > 0) {
    catalogue.indicators.forEach((indicator, sortOrder) => {
      db.update(indicators)
        .set({ sortOrder })
        .where(and(eq(indicators.dvoId, dvoId), eq(indicators.code, indicator.code)))
        .run();
    });
  }
  return { corrected, retired };
}

/** JSON with sorted keys, so a stored definition and a parsed one compare by content. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
