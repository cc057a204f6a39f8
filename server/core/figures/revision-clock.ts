import { and, eq, gt, max, sql } from 'drizzle-orm';
import { type Db, preparedQuery } from '../../../db/client.ts';
import { assessments, imports, meetings, normVersions } from '../../../db/schema.ts';

/** The DVO's latest recorded moment per table; prepared once, as it runs in every delivery. */
function latestMoments(db: Db) {
  const dvo = sql.placeholder('dvo');
  return db
    .select({ at: max(imports.recordedAt) })
    .from(imports)
    .where(eq(imports.dvoId, dvo))
    .unionAll(
      db
        .select({ at: max(assessments.recordedAt) })
        .from(assessments)
        .where(eq(assessments.dvoId, dvo)),
    )
    .unionAll(
      db
        .select({ at: max(meetings.asOf) })
        .from(meetings)
        .where(eq(meetings.dvoId, dvo)),
    )
    .unionAll(
      // version 1 is the catalogue, holding from the start; its stamp is not on this clock
      db
        .select({ at: max(normVersions.recordedAt) })
        .from(normVersions)
        .where(and(eq(normVersions.dvoId, dvo), gt(normVersions.version, 1))),
    )
    .prepare();
}

/**
 * The moment a write to a DVO's history is recorded at: a figure revision (and its import), a
 * hand-set assessment, a meeting's frozen `asOf`, or a norm version (decision 0021). Call it inside the write's transaction, as late
 * as possible: `BEGIN IMMEDIATE` has the write lock, so every earlier write of any process has
 * committed, and the stamp is the later of the clock and 1 ms after the DVO's latest recorded moment.
 * So stamps are strictly increasing per DVO, in the order the writes commit, however long a request
 * took to arrive (a slow upload that started first is still recorded after a fast delivery that
 * committed before it) and even when the clock steps back. An `asOf` answer for a moment that has
 * passed can then never change afterwards (decision 0002).
 */
export function revisionStamp(db: Db, dvoId: number, clock: () => Date): string {
  const latest = preparedQuery(db, latestMoments)
    .all({ dvo: dvoId })
    .reduce<string | null>((latest, { at }) => (at !== null && (latest === null || at > latest) ? at : latest), null);
  const now = clock().getTime();
  return new Date(latest === null ? now : Math.max(now, Date.parse(latest) + 1)).toISOString();
}
