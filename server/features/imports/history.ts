import { desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { figures, imports } from '../../../db/schema.ts';
import { usernameOf } from '../../core/users/username.ts';

/** Every delivery of a DVO that changed something, newest first, with the periods it stored figures for. */
export function listImports(db: Db, dvoId: number, limit = 500) {
  const list = db
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
  if (list.length === 0) return [];
  const periods = new Map<number, Set<string>>();
  const rows = db
    .selectDistinct({ importId: figures.importId, period: figures.period })
    .from(figures)
    .where(
      inArray(
        figures.importId,
        list.map((i) => i.id),
      ),
    )
    .all();
  for (const { importId, period } of rows) {
    const set = periods.get(importId) ?? new Set<string>();
    set.add(period);
    periods.set(importId, set);
  }
  return list.map((i) => ({ ...i, periods: [...(periods.get(i.id) ?? [])].sort() }));
}
