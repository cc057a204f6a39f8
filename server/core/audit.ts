import { cachedStatement, type Db } from '../../db/client.ts';

export interface AuditEntry {
  userId: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** Records one write; call it inside the same transaction as the write itself. */
export function recordAudit(db: Db, entry: AuditEntry, now: Date): void {
  cachedStatement(
    db,
    'insert into audit_log (at, user_id, action, entity, entity_id, before, after) values (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    now.toISOString(),
    entry.userId,
    entry.action,
    entry.entity,
    entry.entityId == null ? null : String(entry.entityId),
    entry.before == null ? null : JSON.stringify(entry.before),
    entry.after == null ? null : JSON.stringify(entry.after),
  );
}
