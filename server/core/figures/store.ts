import { type Db, cachedStatement as statement } from '../../../db/client.ts';
import type { Problem, StoredFigure } from '../../../shared/contracts/figures.ts';
import { figureKey } from '../../../shared/domain/validate-figures.ts';
import { recordAudit } from '../audit.ts';
import { bumpDataVersion } from '../dvo-access.ts';
import { revisionStamp } from './revision-clock.ts';

/** The current revision of one key, as stored; usable as a FigureValue as it is. */
export interface CurrentFigure extends StoredFigure {
  id: number;
  indicatorId: number;
}

/**
 * The current revision of every figure of a DVO, by figureKey (what the validation and the plan both
 * look them up by). `codes` names the DVO's indicators by id, which spares the join.
 */
export function loadCurrentFigures(
  db: Db,
  dvoId: number,
  codes: ReadonlyMap<number, string>,
): Map<string, CurrentFigure> {
  // raw rows and object literals: a third cheaper than letting the driver build the objects
  const rows = statement(
    db,
    `select id, indicator_id, period, segment, value, numerator, denominator, comment
       from figures where dvo_id = ? and superseded_at is null`,
  )
    .raw(true)
    .all(dvoId) as [number, number, string, string, number | null, number | null, number | null, string | null][];
  const current = new Map<string, CurrentFigure>();
  for (const [id, indicatorId, period, stored, value, numerator, denominator, comment] of rows) {
    const indicator = codes.get(indicatorId);
    if (indicator === undefined) throw new Error(`indicator ${indicatorId} is not in this DVO`);
    const segment = stored === '' ? null : stored;
    current.set(figureKey(indicator, period, segment), {
      id,
      indicatorId,
      indicator,
      period,
      segment,
      value,
      numerator,
      denominator,
      comment,
    });
  }
  return current;
}

function sameFigure(a: CurrentFigure, b: StoredFigure): boolean {
  return (
    a.value === b.value && a.numerator === b.numerator && a.denominator === b.denominator && a.comment === b.comment
  );
}

export interface PlannedFigure {
  figure: StoredFigure;
  indicatorId: number;
  /** The revision current now, when the key exists. */
  existing: CurrentFigure | undefined;
  action: 'create' | 'change' | 'unchanged';
}

/** What storing `figures` would do, compared with the current revisions (by figureKey). Pure. */
export function planFigures(
  current: ReadonlyMap<string, CurrentFigure>,
  indicatorIds: ReadonlyMap<string, number>,
  figures: readonly StoredFigure[],
): PlannedFigure[] {
  return figures.map((figure) => {
    const indicatorId = indicatorIds.get(figure.indicator);
    if (indicatorId === undefined) throw new Error(`indicator ${figure.indicator} is not in this DVO`);
    const existing = current.get(figureKey(figure.indicator, figure.period, figure.segment));
    const action = !existing ? 'create' : sameFigure(existing, figure) ? 'unchanged' : 'change';
    return { figure, indicatorId, existing, action };
  });
}

export interface WriteRequest {
  dvoId: number;
  plan: readonly PlannedFigure[];
  userId: number;
  source: 'csv' | 'xlsx' | 'api';
  filename: string | null;
  sha256: string | null;
  warnings: Problem[];
  /** Read inside the transaction for the revision's stamp (revisionStamp). */
  clock: () => Date;
}

export interface WriteResult {
  /** null when nothing changed: an identical delivery writes nothing at all. */
  importId: number | null;
  created: number;
  changed: number;
  unchanged: number;
}

/**
 * Writes a planned delivery; call inside the delivery's transaction. New keys become figures,
 * changed values a new revision (the old one kept, with its time, user and import, and marked
 * superseded), identical values nothing. Raw prepared statements: this is the hot path of every import.
 */
export function writePlan(db: Db, req: WriteRequest): WriteResult {
  const toWrite = req.plan.filter((p) => p.action !== 'unchanged');
  const unchanged = req.plan.length - toWrite.length;
  if (toWrite.length === 0) return { importId: null, created: 0, changed: 0, unchanged };
  const nowIso = revisionStamp(db, req.dvoId, req.clock);
  const superseded = toWrite.flatMap((p) => (p.existing ? [p.existing.id] : []));
  const changed = superseded.length;
  const created = toWrite.length - changed;
  const importId = Number(
    statement(
      db,
      `insert into imports (dvo_id, user_id, source, filename, sha256, recorded_at, row_count, created_count,
         changed_count, unchanged_count, warnings) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      req.dvoId,
      req.userId,
      req.source,
      req.filename,
      req.sha256,
      nowIso,
      req.plan.length,
      created,
      changed,
      unchanged,
      JSON.stringify(req.warnings),
    ).lastInsertRowid,
  );
  const supersede = statement(db, 'update figures set superseded_at = ? where id = ?');
  for (const id of superseded) supersede.run(nowIso, id);
  const insert = statement(
    db,
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
  bumpDataVersion(db, req.dvoId);
  // one audit entry per delivery; the figures themselves are the detailed, append-only history
  recordAudit(
    db,
    {
      userId: req.userId,
      action: 'figures.import',
      entity: 'import',
      entityId: importId,
      before: changed > 0 ? { supersededFigureIds: superseded } : null,
      after: { source: req.source, filename: req.filename, created, changed, unchanged },
    },
    new Date(nowIso),
  );
  return { importId, created, changed, unchanged };
}
