import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { imports } from '../../../db/schema.ts';
import { usernameOf } from '../../core/users/username.ts';

/** Every delivery of a DVO that changed something, newest first. */
export function listImports(db: Db, dvoId: number, limit = 500) {
  return db
    .select({
      id: imports.id,
      recordedAt: imports.recordedAt,
      user: usernameOf(imports.userId),
      source: imports.source,
      filename: imports.filename,
      rows: imports.rowCount,
      created: imports.createdCount,
      changed: imports.changedCount,
      unchanged: imports.unchangedCount,
      warnings: imports.warnings,
    })
    .from(imports)
    .where(eq(imports.dvoId, dvoId))
    .orderBy(desc(imports.recordedAt), desc(imports.id))
    .limit(limit)
    .all();
}
