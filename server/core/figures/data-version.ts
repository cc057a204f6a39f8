import { eq, sql } from 'drizzle-orm';
import { type Db, preparedQuery } from '../../../db/client.ts';
import { dvos } from '../../../db/schema.ts';

/** Prepared once, like the other queries every delivery runs (decision 0015). */
function raiseDataVersion(db: Db) {
  return db
    .update(dvos)
    .set({ dataVersion: sql`${dvos.dataVersion} + 1` })
    .where(eq(dvos.id, sql.placeholder('dvo')))
    .prepare();
}

/**
 * Raises the DVO's data version, which throws its cached evaluations away (decision 0006). Call it in
 * the transaction of every write that can change an evaluation of the DVO: figures, hand-set
 * assessments, indicators added to the catalogue. Nothing else changes a verdict, so nothing else calls it.
 */
export function bumpDataVersion(db: Db, dvoId: number): void {
  preparedQuery(db, raiseDataVersion).run({ dvo: dvoId });
}
