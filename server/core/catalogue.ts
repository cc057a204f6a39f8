import { and, eq, isNull, max } from 'drizzle-orm';
import { type Db, inTransaction } from '../../db/client.ts';
import { dvos, indicators, normVersions, organisations } from '../../db/schema.ts';
import type { DvoCatalogue, Indicator, Organisation } from '../../shared/contracts/catalogue.ts';
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
  options: {
    firstReading?: DvoCatalogue;
    now?: Date;
    /** A DVO created here starts in this state: `draft` for next year's DVO (decision 0024). */
    state?: DvoState;
  } = {},
): { dvoId: number; added: number; corrected: string[]; retired: string[] } {
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
      recordCorrectedNorm(db, dvoId, row.id, catalogue.year, after, now);
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

/**
 * A corrected norm is a new norm version (decision 0021), never an overwrite of the version that
 * judged the months before: reason "Lezing gecorrigeerd (domain.md)", effective from the year's first
 * month, recorded by nobody (the upgrade). Only when the norm, margin or source changed.
 */
function recordCorrectedNorm(db: Db, dvoId: number, indicatorId: number, year: number, def: Indicator, now: Date) {
  const latest = db
    .select({ version: max(normVersions.version) })
    .from(normVersions)
    .where(eq(normVersions.indicatorId, indicatorId))
    .get();
  if (latest?.version == null) return recordCatalogueVersion(db, dvoId, indicatorId, year, def);
  const current = db
    .select({ norm: normVersions.norm, margin: normVersions.margin, source: normVersions.source })
    .from(normVersions)
    .where(and(eq(normVersions.indicatorId, indicatorId), eq(normVersions.version, latest.version)))
    .get();
  const same = canonicalJson({ norm: current?.norm, margin: current?.margin, source: current?.source });
  if (same === canonicalJson({ norm: def.norm, margin: def.margin, source: def.source })) return;
  db.insert(normVersions)
    .values({
      dvoId,
      indicatorId,
      version: latest.version + 1,
      norm: def.norm,
      margin: def.margin,
      source: def.source,
      provisional: def.source.placeholder,
      effectiveFrom: `${year}-01`,
      reason: CORRECTION_REASON,
      recordedBy: null,
      recordedAt: now.toISOString(),
    })
    .run();
}

/** JSON with sorted keys, so a stored definition and a parsed one compare by content. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
