import { sql } from 'drizzle-orm';
import { type Db, preparedQuery } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';

export interface AuditEntry {
  userId: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * The audit row, prepared once: it is written in every delivery (decision 0015's hot path).
 * `before` and `after` are passed as JSON text made here, past the json columns' encoder, which
 * would store "nothing before" as the text 'null' instead of SQL NULL (it runs for every value of
 * a placeholder, null included).
 */
function insertAudit(db: Db) {
  const value = (name: string) => sql.placeholder(name);
  const raw = (name: string) => sql`${sql.placeholder(name)}`;
  return db
    .insert(auditLog)
    .values({
      at: value('at'),
      userId: value('userId'),
      action: value('action'),
      entity: value('entity'),
      entityId: value('entityId'),
      before: raw('before'),
      after: raw('after'),
    })
    .prepare();
}

/** Records one write; call it inside the same transaction as the write itself. */
export function recordAudit(db: Db, entry: AuditEntry, now: Date): void {
  preparedQuery(db, insertAudit).run({
    at: now.toISOString(),
    userId: entry.userId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    before: json(entry.before),
    after: json(entry.after),
  });
}

function json(value: unknown): string | null {
  return value == null ? null : JSON.stringify(value);
}
