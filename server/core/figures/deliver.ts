import { type Db, inTransaction } from '../../../db/client.ts';
import type { ImportResult } from '../../../shared/contracts/figures.ts';
import type { Delimiter } from '../../../shared/domain/normalize.ts';
import { formatDutchNumber } from '../../../shared/domain/normalize.ts';
import {
  createFigureValidator,
  type FigureRowInput,
  type FigureValidator,
  MAX_LISTED_ERRORS,
} from '../../../shared/domain/validate-figures.ts';
import { AppError, type ErrorDetail, NOTHING_STORED } from '../../errors.ts';
import { type DvoRecord, listIndicators, requireActiveDvo, type StoredIndicator } from '../dvo-access.ts';
import { lockedPeriods } from '../locks.ts';
import { loadCurrentFigures, planFigures, writePlan } from './store.ts';

/** At most this many rows are echoed back in a preview; the counts always cover every row. */
export const PREVIEW_LIMIT = 2000;

function formatCount(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What a delivery is stored as, whichever way it arrived. */
export interface DeliveryMeta {
  dvo: DvoRecord;
  userId: number;
  source: 'csv' | 'xlsx' | 'api';
  filename: string | null;
  sha256: string | null;
  dryRun: boolean;
  now: Date;
  /**
   * The clock a stored delivery is stamped by, read inside its transaction (revisionStamp). Without
   * it, `now` (the demo replays deliveries at their historical moments).
   */
  clock?: () => Date;
}

export interface DeliveryRequest extends DeliveryMeta {
  rows: readonly FigureRowInput[];
  delimiter: Delimiter;
}

export function validationContext(dvo: DvoRecord, indicators: readonly StoredIndicator[], now: Date) {
  return {
    dvoYear: dvo.year,
    indicators: indicators.map((i) => i.definition),
    today: now.toISOString().slice(0, 10),
  };
}

/**
 * Validates and stores one delivery that arrived whole (`POST /figures`, the demo), all or nothing
 * (interface.md §3). Validation runs inside the write transaction, so a period locked a moment ago or
 * a figure stored by a parallel import is seen. Throws 422 with every problem (409 when a locked
 * period is among them); nothing is stored then.
 */
export function deliverFigures(db: Db, req: DeliveryRequest): ImportResult {
  const indicators = listIndicators(db, req.dvo.id);
  return inTransaction(db, () => {
    const validator = createFigureValidator({
      ...validationContext(req.dvo, indicators, req.now),
      lockedPeriods: lockedPeriods(db, req.dvo.id),
      delimiter: req.delimiter,
    });
    for (const row of req.rows) validator.add(row);
    return storeDelivery(db, req, indicators, validator, { listed: [], count: 0 });
  });
}

/**
 * The part of a delivery that depends on the database: call inside the write transaction. The
 * validator's cross-row checks and warnings are judged against the figures stored now; `lockedNow`
 * (the locks read in this transaction) refuses periods locked while a file streamed in.
 */
export function storeDelivery(
  db: Db,
  req: DeliveryMeta,
  indicators: readonly StoredIndicator[],
  validator: FigureValidator,
  parseProblems: ProblemList,
  lockedNow?: readonly string[],
): ImportResult {
  requireActiveDvo(req.dvo);
  const indicatorIds = new Map(indicators.map((i) => [i.definition.code, i.id]));
  const current = loadCurrentFigures(db, req.dvo.id, new Map(indicators.map((i) => [i.id, i.definition.code])));
  const validation = validator.finish(current, lockedNow);
  const errors: ErrorDetail[] = [...parseProblems.listed, ...validation.errors.map(toDetail)];
  let errorCount = parseProblems.count + validation.errorCount;
  if (validation.figures.length === 0 && errorCount === 0) {
    errors.push({ message: 'Het bestand bevat geen cijfers: alleen een kopregel of niet ingevulde regels.' });
    errorCount = 1;
  }
  if (errorCount > 0) {
    const locked = validation.errors.some((e) => e.code === 'locked');
    const listed = errors.slice(0, MAX_LISTED_ERRORS);
    throw new AppError(
      locked ? 'locked' : 'validation_failed',
      locked
        ? `Er staan cijfers in voor een vastgestelde periode. ${NOTHING_STORED}`
        : errorCount > listed.length
          ? `${formatDutchNumber(errorCount)} fouten gevonden; de eerste ${formatDutchNumber(listed.length)} staan hieronder. ${NOTHING_STORED}`
          : `${formatCount(errorCount, 'fout', 'fouten')} gevonden. ${NOTHING_STORED}`,
      listed,
    );
  }
  const warnings = validation.warnings.map(toDetail);
  const plan = planFigures(current, indicatorIds, validation.figures);
  const preview = plan.slice(0, PREVIEW_LIMIT).map((p, i) => ({
    row: validation.figures[i]?.row,
    indicator: p.figure.indicator,
    period: p.figure.period,
    segment: p.figure.segment,
    value: p.figure.value,
    numerator: p.figure.numerator,
    denominator: p.figure.denominator,
    previous: p.existing ? (p.existing.value ?? ratioOf(p.existing)) : null,
    action: p.action,
  }));
  const count = (action: string) => plan.filter((p) => p.action === action).length;
  if (req.dryRun) {
    const created = count('create');
    const changed = count('change');
    return {
      dryRun: true,
      importId: null,
      rows: plan.length,
      created,
      changed,
      unchanged: count('unchanged'),
      skipped: validation.skipped,
      warnings,
      preview,
      message:
        created + changed === 0
          ? 'Proefrun: alle cijfers zijn al zo opgeslagen; er zou niets veranderen.'
          : `Proefrun: ${formatCount(created, 'nieuw cijfer', 'nieuwe cijfers')} en ${formatCount(changed, 'wijziging', 'wijzigingen')}; nog niets opgeslagen.`,
    };
  }
  const stored = writePlan(db, {
    dvoId: req.dvo.id,
    plan,
    userId: req.userId,
    source: req.source,
    filename: req.filename,
    sha256: req.sha256,
    warnings,
    clock: req.clock ?? (() => req.now),
  });
  return {
    dryRun: false,
    importId: stored.importId,
    rows: plan.length,
    created: stored.created,
    changed: stored.changed,
    unchanged: stored.unchanged,
    skipped: validation.skipped,
    warnings,
    preview,
    message:
      stored.importId === null
        ? `Ongewijzigd: alle ${plan.length} cijfers waren al zo opgeslagen. Er is niets veranderd.`
        : `Opgeslagen: ${formatCount(stored.created, 'nieuw cijfer', 'nieuwe cijfers')}, ${formatCount(stored.changed, 'wijziging', 'wijzigingen')}, ${stored.unchanged} ongewijzigd${validation.skipped > 0 ? `, ${formatCount(validation.skipped, 'lege regel', 'lege regels')} overgeslagen` : ''}.`,
  };
}

function ratioOf(row: { numerator: number | null; denominator: number | null }): number | null {
  if (row.numerator === null || !row.denominator) return null;
  return (100 * row.numerator) / row.denominator;
}

export function toDetail(problem: { row?: number; column?: string; message: string }): ErrorDetail {
  const detail: ErrorDetail = { message: problem.message };
  if (problem.row !== undefined) detail.row = problem.row;
  if (problem.column !== undefined) detail.column = problem.column;
  return detail;
}

/** Problems of the file itself (header, encoding, quotes): the first MAX_LISTED_ERRORS, and how many. */
export interface ProblemList {
  listed: ErrorDetail[];
  count: number;
}
