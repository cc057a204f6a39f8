import { eq, max, sql } from 'drizzle-orm';
import { type Db, inTransaction, preparedQuery } from '../../../db/client.ts';
import { indicators, normVersions, users } from '../../../db/schema.ts';
import type { Indicator } from '../../../shared/contracts/catalogue.ts';
import type { NormVersion } from '../../../shared/contracts/norms.ts';
import {
  fitNormVersion,
  lockedPeriodsHit,
  type NormVersionProposal,
  pickVersion,
} from '../../../shared/domain/norm-versions.ts';
import { monthPeriod } from '../../../shared/domain/periods.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit.ts';
import { type DvoRecord, listIndicators } from '../dvo-access.ts';
import { bumpDataVersion } from '../figures/data-version.ts';
import { revisionStamp } from '../figures/revision-clock.ts';
import { lockedPeriods } from '../locks.ts';

/*
 * The one place that says which norm judges which month (interface.md §7, decision 0021). Every
 * evaluation (status, series, deviations, meetings, reports, Te doen) gets its catalogue here.
 */

/** The versions of every agreement of one DVO, read once per data version (a new version raises it). */
interface NormBook {
  dataVersion: number;
  /** By indicator code, oldest first. */
  byCode: Map<string, NormVersion[]>;
}

const books = new WeakMap<Db, Map<number, NormBook>>();

/** Prepared once: the first evaluation after every change of a DVO reads it (decision 0015). */
function selectVersionsOfDvo(db: Db) {
  return db
    .select({
      indicator: indicators.code,
      version: normVersions.version,
      norm: normVersions.norm,
      margin: normVersions.margin,
      source: normVersions.source,
      provisional: normVersions.provisional,
      effectiveFrom: normVersions.effectiveFrom,
      reason: normVersions.reason,
      recordedBy: users.username,
      recordedAt: normVersions.recordedAt,
    })
    .from(normVersions)
    .innerJoin(indicators, eq(indicators.id, normVersions.indicatorId))
    .leftJoin(users, eq(users.id, normVersions.recordedBy))
    .where(eq(normVersions.dvoId, sql.placeholder('dvo')))
    .orderBy(normVersions.indicatorId, normVersions.version)
    .prepare();
}

function bookOf(db: Db, dvo: DvoRecord): NormBook {
  let byDvo = books.get(db);
  if (!byDvo) {
    byDvo = new Map();
    books.set(db, byDvo);
  }
  const hit = byDvo.get(dvo.id);
  if (hit && hit.dataVersion === dvo.dataVersion) return hit;
  const byCode = new Map<string, NormVersion[]>();
  for (const row of preparedQuery(db, selectVersionsOfDvo).all({ dvo: dvo.id })) {
    const list = byCode.get(row.indicator) ?? [];
    list.push(row);
    byCode.set(row.indicator, list);
  }
  const book = { dataVersion: dvo.dataVersion, byCode };
  byDvo.set(dvo.id, book);
  return book;
}

/** The latest version of every agreement (GET /indicators, the Afspraken screen), by code. */
export function currentNorms(db: Db, dvo: DvoRecord): Map<string, NormVersion> {
  const current = new Map<string, NormVersion>();
  for (const [code, versions] of bookOf(db, dvo).byCode) {
    const last = versions[versions.length - 1];
    if (last) current.set(code, last);
  }
  return current;
}

/** The version judging each agreement in `month` (1–12) as of `asOf` (null: now), by code. */
export function normsAsOf(db: Db, dvo: DvoRecord, month: number, asOf: string | null): Map<string, NormVersion> {
  const period = monthPeriod(dvo.year, month);
  const chosen = new Map<string, NormVersion>();
  for (const [code, versions] of bookOf(db, dvo).byCode) {
    const v = pickVersion(versions, period, asOf);
    if (v) chosen.set(code, v);
  }
  return chosen;
}

/** Every version of one agreement, newest first. */
export function normHistory(db: Db, dvo: DvoRecord, code: string): NormVersion[] {
  return [...(bookOf(db, dvo).byCode.get(code) ?? [])].reverse();
}

/** A catalogue entry with a version's norm, margin and source in place of its own. */
export function withNorm(definition: Indicator, version: NormVersion | undefined): Indicator {
  if (!version) return definition;
  return { ...definition, norm: version.norm, margin: version.margin, source: version.source };
}

export interface VersionedCatalogue {
  indicators: Indicator[];
  /** The version (and whether provisional) behind each agreement's norm, by code. */
  versions: Map<string, { version: number; provisional: boolean }>;
}

const catalogueCache = new WeakMap<Db, Map<string, { dataVersion: number; catalogue: VersionedCatalogue }>>();

/**
 * The DVO's catalogue with the norms that judge month `month` as of `asOf` (null: now): what every
 * evaluation is given. Kept per data version, month and moment.
 */
export function catalogueAsOf(db: Db, dvo: DvoRecord, month: number, asOf: string | null): VersionedCatalogue {
  let cache = catalogueCache.get(db);
  if (!cache) {
    cache = new Map();
    catalogueCache.set(db, cache);
  }
  const key = `${dvo.id}|${month}|${asOf ?? ''}`;
  const hit = cache.get(key);
  if (hit && hit.dataVersion === dvo.dataVersion) return hit.catalogue;
  const chosen = normsAsOf(db, dvo, month, asOf);
  const versions = new Map<string, { version: number; provisional: boolean }>();
  const list = listIndicators(db, dvo.id).map(({ definition }) => {
    const v = chosen.get(definition.code);
    versions.set(definition.code, {
      version: v?.version ?? 1,
      provisional: v?.provisional ?? definition.source.placeholder,
    });
    return withNorm(definition, v);
  });
  const catalogue = { indicators: list, versions };
  if (cache.size > 5_000) cache.clear();
  cache.set(key, { dataVersion: dvo.dataVersion, catalogue });
  return catalogue;
}

/** The catalogue with every agreement's latest norm (GET /indicators). */
export function currentCatalogue(db: Db, dvo: DvoRecord): (Indicator & { version: number; provisional: boolean })[] {
  const current = currentNorms(db, dvo);
  return listIndicators(db, dvo.id).map(({ definition }) => {
    const v = current.get(definition.code);
    return {
      ...withNorm(definition, v),
      version: v?.version ?? 1,
      provisional: v?.provisional ?? definition.source.placeholder,
    };
  });
}

/**
 * Version 1 of a catalogue entry just loaded. Its stamp is informational: version 1 holds from the
 * start (pickVersion), so it is left out of the DVO's revision clock (loads run on the real clock).
 */
export function recordCatalogueVersion(db: Db, dvoId: number, indicatorId: number, year: number, def: Indicator): void {
  db.insert(normVersions)
    .values({
      dvoId,
      indicatorId,
      version: 1,
      norm: def.norm,
      margin: def.margin,
      source: def.source,
      provisional: def.source.placeholder,
      effectiveFrom: monthPeriod(year, 1),
      reason: 'Catalogus',
      recordedBy: null,
      recordedAt: new Date().toISOString(),
    })
    .run();
}

export interface NormVersionRequest {
  dvo: DvoRecord;
  code: string;
  proposal: NormVersionProposal;
  user: { id: number; username: string };
  /** The revision clock's clock (the app's `now`). */
  clock: () => Date;
}

/**
 * Records a new version of one agreement's norm: checked against the indicator (422), refused when
 * it would apply to a vastgestelde period (409); stamped on the DVO's revision clock inside the
 * transaction, audited, and the DVO's data version raised (only this DVO's cached evaluations go).
 */
export function recordNormVersion(db: Db, req: NormVersionRequest): NormVersion {
  return inTransaction(db, () => {
    const catalogue = listIndicators(db, req.dvo.id);
    const stored = catalogue.find((i) => i.definition.code === req.code);
    if (!stored) throw new AppError('not_found', `Afspraak '${req.code}' bestaat niet in deze DVO.`);
    const previous = currentNorms(db, req.dvo).get(req.code) ?? null;
    const fit = fitNormVersion({
      year: req.dvo.year,
      definition: stored.definition,
      previous,
      codes: new Set(catalogue.map((i) => i.definition.code)),
      proposal: req.proposal,
    });
    if ('problems' in fit)
      throw new AppError('validation_failed', `De nieuwe norm voor '${req.code}' is niet opgeslagen.`, fit.problems);
    const fitting = fit.version;
    const hit = lockedPeriodsHit(req.dvo.year, fitting.effectiveFrom, lockedPeriods(db, req.dvo.id));
    if (hit.length > 0)
      throw new AppError(
        'locked',
        `Een norm vanaf ${fitting.effectiveFrom} zou een vastgestelde periode raken (${hit.join(', ')}). Kies een latere ingangsmaand of laat de periode eerst heropenen.`,
      );
    const indicatorId = stored.id;
    const last = db
      .select({ version: max(normVersions.version) })
      .from(normVersions)
      .where(eq(normVersions.indicatorId, indicatorId))
      .get();
    const version = (last?.version ?? 0) + 1;
    const recordedAt = revisionStamp(db, req.dvo.id, req.clock);
    db.insert(normVersions)
      .values({
        dvoId: req.dvo.id,
        indicatorId,
        version,
        ...fitting,
        recordedBy: req.user.id,
        recordedAt,
      })
      .run();
    const saved: NormVersion = {
      indicator: req.code,
      version,
      ...fitting,
      recordedBy: req.user.username,
      recordedAt,
    };
    recordAudit(
      db,
      {
        userId: req.user.id,
        action: 'norm.version',
        entity: 'indicator',
        entityId: `${req.dvo.slug}/${req.code}`,
        before: previous,
        after: saved,
      },
      new Date(recordedAt),
    );
    bumpDataVersion(db, req.dvo.id);
    return saved;
  });
}
