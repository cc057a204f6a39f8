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

export interface PlannedFigure {
  figure: StorableFigure;
  indicatorId: number;
  /** The revision current now, when the key exists. */
  existing: CurrentRow | undefined;
  action: 'create' | 'change' | 'unchanged';
}

/** What storing `figures` would do, compared with the current revisions; reads only. */
export function planStore(
  db: Db,
  dvoId: number,
  indicatorIds: ReadonlyMap<string, number>,
  figures: readonly StorableFigure[],
): PlannedFigure[] {
  const currentRows = db.$client
    .prepare<[number], CurrentRow>(
      `select id, indicator_id, period, segment, value, numerator, denominator, comment
         from figures where dvo_id = ? and superseded_at is null`,
    )
    .all(dvoId);
  const current = new Map<string, CurrentRow>();
  for (const row of currentRows) current.set(keyOf(row.indicator_id, row.period, row.segment), row);
  return figures.map((figure) => {
    const indicatorId = indicatorIds.get(figure.indicator);
    if (indicatorId === undefined) throw new Error(`indicator ${figure.indicator} is not in this DVO`);
    const existing = current.get(keyOf(indicatorId, figure.period, figure.segment ?? ''));
    const action = !existing ? 'create' : sameFigure(existing, figure) ? 'unchanged' : 'change';
    return { figure, indicatorId, existing, action };
  });
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
    const plan = planStore(db, req.dvoId, req.indicatorIds, req.figures);
    const toWrite = plan.filter((p) => p.action !== 'unchanged');
    const unchanged = plan.length - toWrite.length;
    if (toWrite.length === 0) return { importId: null, created: 0, changed: 0, unchanged };
    const toSupersede = toWrite.flatMap((p) => (p.existing ? [p.existing] : []));
    const changed = toSupersede.length;
    const created = toWrite.length - changed;
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
    for (const { indicatorId, figure } of toWrite) {
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
        before: changed > 0 ? { supersededFigureIds: toSupersede.map((r) => r.id) } : null,
        after: { source: req.source, filename: req.filename, created, changed, unchanged },
      },
      req.now,
    );
    return { importId, created, changed, unchanged };
  });
}
