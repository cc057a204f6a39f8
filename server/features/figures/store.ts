import type { Db } from '../../../db/client.ts';
import { inTransaction } from '../../../db/client.ts';
import type { Problem } from '../../../shared/contracts/figures.ts';
import { recordAudit } from '../audit/record.ts';

/** A figure that passed validation: canonical period, segment null for the total. */
export interface StorableFigure {
  indicator: string;
  period: string;
  segment: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
}

export interface StoreRequest {
  dvoId: number;
  /** indicator code → id */
  indicatorIds: ReadonlyMap<string, number>;
  figures: readonly StorableFigure[];
  userId: number;
  source: 'csv' | 'xlsx' | 'api';
  filename: string | null;
  sha256: string | null;
  warnings: Problem[];
  now: Date;
}

export interface StoreResult {
  /** null when nothing changed: an identical delivery writes nothing at all. */
  importId: number | null;
  created: number;
  changed: number;
  unchanged: number;
}

interface CurrentRow {
  id: number;
  indicator_id: number;
  period: string;
  segment: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
}

const keyOf = (indicatorId: number, period: string, segment: string) => `${indicatorId}\u0000${period}\u0000${segment}`;

function sameFigure(a: CurrentRow, b: StorableFigure): boolean {
  return (
    a.value === b.value && a.numerator === b.numerator && a.denominator === b.denominator && a.comment === b.comment
  );
}

/**
 * Stores a validated delivery in one transaction: new keys become figures, changed values a new
 * revision (the old one kept with its time, user and import), identical values nothing. Uses prepared
 * statements on the raw connection: this is the hot path of every import.
 */
export function storeFigures(db: Db, req: StoreRequest): StoreResult {
  const sqlite = db.$client;
  const nowIso = req.now.toISOString();
  return inTransaction(db, () => {
    const currentRows = sqlite
      .prepare<[number], CurrentRow>(
        `select id, indicator_id, period, segment, value, numerator, denominator, comment
           from figures where dvo_id = ? and superseded_at is null`,
      )
      .all(req.dvoId);
    const current = new Map<string, CurrentRow>();
    for (const row of currentRows) current.set(keyOf(row.indicator_id, row.period, row.segment), row);

    const toInsert: { indicatorId: number; figure: StorableFigure }[] = [];
    const toSupersede: CurrentRow[] = [];
    let unchanged = 0;
    for (const figure of req.figures) {
      const indicatorId = req.indicatorIds.get(figure.indicator);
      if (indicatorId === undefined) throw new Error(`indicator ${figure.indicator} is not in this DVO`);
      const existing = current.get(keyOf(indicatorId, figure.period, figure.segment ?? ''));
      if (existing && sameFigure(existing, figure)) {
        unchanged += 1;
        continue;
      }
      if (existing) toSupersede.push(existing);
      toInsert.push({ indicatorId, figure });
    }
    if (toInsert.length === 0) return { importId: null, created: 0, changed: 0, unchanged };

    const changed = toSupersede.length;
    const created = toInsert.length - changed;
    const importId = Number(
      sqlite
        .prepare(
          `insert into imports (dvo_id, user_id, source, filename, sha256, recorded_at, row_count, created_count,
             changed_count, unchanged_count, warnings) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          req.dvoId,
          req.userId,
          req.source,
          req.filename,
          req.sha256,
          nowIso,
          req.figures.length,
          created,
          changed,
          unchanged,
          JSON.stringify(req.warnings),
        ).lastInsertRowid,
    );
    const supersede = sqlite.prepare('update figures set superseded_at = ? where id = ?');
    for (const row of toSupersede) supersede.run(nowIso, row.id);
    const insert = sqlite.prepare(
      `insert into figures (dvo_id, indicator_id, period, segment, value, numerator, denominator, comment,
         recorded_at, user_id, import_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const { indicatorId, figure } of toInsert) {
      insert.run(
        req.dvoId,
        indicatorId,
        figure.period,
        figure.segment ?? '',
        figure.value,
        figure.numerator,
        figure.denominator,
        figure.comment,
        nowIso,
        req.userId,
        importId,
      );
    }
    // one audit entry per delivery; the figures themselves are the detailed, append-only history
    recordAudit(
      db,
      {
        userId: req.userId,
        action: 'figures.import',
        entity: 'import',
        entityId: importId,
        before: toSupersede.length > 0 ? { supersededFigureIds: toSupersede.map((r) => r.id) } : null,
        after: { source: req.source, filename: req.filename, created, changed, unchanged },
      },
      req.now,
    );
    return { importId, created, changed, unchanged };
  });
}
