import { createHash } from 'node:crypto';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { type Db, inTransaction } from '../../../db/client.ts';
import type { ImportResult } from '../../../shared/contracts/figures.ts';
import type { Delimiter } from '../../../shared/domain/normalize.ts';
import { type FigureRowInput, validateFigures } from '../../../shared/domain/validate-figures.ts';
import { AppError, type ErrorDetail } from '../../errors.ts';
import { type DvoRecord, listIndicators } from '../dvos/repository.ts';
import { loadCurrentFigures, planFigures, writePlan } from '../figures/store.ts';
import { lockedPeriods } from '../periods/locks.ts';
import { FileTypeError, readImportFile } from './parse-file.ts';

/** At most this many rows are echoed back in a preview; the counts always cover every row. */
export const PREVIEW_LIMIT = 2000;

export interface DeliveryRequest {
  dvo: DvoRecord;
  userId: number;
  rows: FigureRowInput[];
  delimiter: Delimiter;
  source: 'csv' | 'xlsx' | 'api';
  filename: string | null;
  sha256: string | null;
  dryRun: boolean;
  now: Date;
  /** Problems found while reading the file itself (columns, quotes, encoding). */
  parseProblems?: ErrorDetail[];
}

function formatCount(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Validates and stores one delivery, all or nothing (interface.md §3). Validation runs inside the
 * write transaction, so a period locked a moment ago or a figure stored by a parallel import is seen.
 * Throws 422 with every problem (409 when a locked period is among them); nothing is stored then.
 */
export function deliverFigures(db: Db, req: DeliveryRequest): ImportResult {
  const indicators = listIndicators(db, req.dvo.id);
  const indicatorIds = new Map(indicators.map((i) => [i.definition.code, i.id]));
  return inTransaction(db, () => {
    const current = loadCurrentFigures(db, req.dvo.id);
    const validation = validateFigures({
      dvoYear: req.dvo.year,
      indicators: indicators.map((i) => i.definition),
      rows: req.rows,
      lockedPeriods: lockedPeriods(db, req.dvo.id),
      today: req.now.toISOString().slice(0, 10),
      existing: current,
      delimiter: req.delimiter,
    });
    const errors: ErrorDetail[] = [...(req.parseProblems ?? []), ...validation.errors.map(toDetail)];
    if (validation.figures.length === 0 && errors.length === 0) {
      errors.push({ message: 'Het bestand bevat geen cijfers: alleen een kopregel of niet ingevulde regels.' });
    }
    if (errors.length > 0) {
      const locked = validation.errors.some((e) => e.code === 'locked');
      throw new AppError(
        locked ? 'locked' : 'validation_failed',
        locked
          ? 'Er staan cijfers in voor een vastgestelde periode. Er is niets opgeslagen.'
          : `${formatCount(errors.length, 'fout', 'fouten')} gevonden. Er is niets opgeslagen.`,
        errors,
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
      now: req.now,
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
  });
}

function ratioOf(row: { numerator: number | null; denominator: number | null }): number | null {
  if (row.numerator === null || !row.denominator) return null;
  return (100 * row.numerator) / row.denominator;
}

function toDetail(problem: { row?: number; column?: string; message: string }): ErrorDetail {
  const detail: ErrorDetail = { message: problem.message };
  if (problem.row !== undefined) detail.row = problem.row;
  if (problem.column !== undefined) detail.column = problem.column;
  return detail;
}

/** Passes bytes through while hashing them, so the file is read once. */
class HashingStream extends Transform {
  readonly hash = createHash('sha256');
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    callback(null, chunk);
  }
}

export interface FileDelivery {
  dvo: DvoRecord;
  userId: number;
  stream: Readable;
  filename: string;
  mimetype?: string;
  dryRun: boolean;
  now: Date;
  /** Called after the stream ended: true when the upload limit cut the file off. */
  truncated?: () => boolean;
  xlsxIdleTimeoutMs?: number | undefined;
}

/** Parses a CSV/XLSX upload (streaming) and delivers its rows; 415 for other files, 413 when too large. */
export async function importFile(db: Db, req: FileDelivery): Promise<ImportResult> {
  const hashing = new HashingStream();
  req.stream.on('error', (error) => hashing.destroy(error));
  const input = req.stream.pipe(hashing);
  let contents: Awaited<ReturnType<typeof readImportFile>>;
  try {
    contents = await readImportFile({
      stream: input,
      filename: req.filename,
      ...(req.mimetype ? { mimetype: req.mimetype } : {}),
      ...(req.xlsxIdleTimeoutMs ? { xlsxIdleTimeoutMs: req.xlsxIdleTimeoutMs } : {}),
    });
  } catch (error) {
    if (req.truncated?.()) throw tooLarge();
    if (error instanceof FileTypeError) throw new AppError('unsupported_media_type', error.message);
    throw error;
  }
  if (req.truncated?.()) throw tooLarge();
  return deliverFigures(db, {
    dvo: req.dvo,
    userId: req.userId,
    rows: contents.rows,
    delimiter: contents.numberDelimiter,
    source: contents.format ?? 'csv',
    filename: req.filename,
    sha256: hashing.hash.digest('hex'),
    dryRun: req.dryRun,
    now: req.now,
    parseProblems: contents.problems.map(toDetail),
  });
}

function tooLarge(): AppError {
  return new AppError(
    'too_large',
    'Het bestand is groter dan toegestaan. Splits het of vraag de beheerder de limiet te verhogen.',
  );
}
