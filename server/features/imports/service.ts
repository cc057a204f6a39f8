import { createHash } from 'node:crypto';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
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
import { AppError, type ErrorDetail } from '../../errors.ts';
import { type DvoRecord, listIndicators, type StoredIndicator } from '../dvos/repository.ts';
import { loadCurrentFigures, planFigures, writePlan } from '../figures/store.ts';
import { lockedPeriods } from '../periods/locks.ts';
import { FileTypeError, parseImportFileBatches } from './parse-file.ts';

/** At most this many rows are echoed back in a preview; the counts always cover every row. */
export const PREVIEW_LIMIT = 2000;

function formatCount(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What a delivery is stored as, whichever way it arrived. */
interface DeliveryMeta {
  dvo: DvoRecord;
  userId: number;
  source: 'csv' | 'xlsx' | 'api';
  filename: string | null;
  sha256: string | null;
  dryRun: boolean;
  now: Date;
}

export interface DeliveryRequest extends DeliveryMeta {
  rows: readonly FigureRowInput[];
  delimiter: Delimiter;
}

function validationContext(dvo: DvoRecord, indicators: readonly StoredIndicator[], now: Date) {
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
function storeDelivery(
  db: Db,
  req: DeliveryMeta,
  indicators: readonly StoredIndicator[],
  validator: FigureValidator,
  parseProblems: ProblemList,
  lockedNow?: readonly string[],
): ImportResult {
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
        ? 'Er staan cijfers in voor een vastgestelde periode. Er is niets opgeslagen.'
        : errorCount > listed.length
          ? `${formatDutchNumber(errorCount)} fouten gevonden; de eerste ${formatDutchNumber(listed.length)} staan hieronder. Er is niets opgeslagen.`
          : `${formatCount(errorCount, 'fout', 'fouten')} gevonden. Er is niets opgeslagen.`,
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

/** Problems of the file itself (header, encoding, quotes): the first MAX_LISTED_ERRORS, and how many. */
interface ProblemList {
  listed: ErrorDetail[];
  count: number;
}

/**
 * Passes bytes through while hashing them, so the file is read once. The digest is taken once; bytes
 * that still arrive after it (a refused upload drains on) pass unhashed rather than throw
 * ERR_CRYPTO_HASH_FINALIZED from inside the stream, which nothing could catch.
 */
class HashingStream extends Transform {
  private readonly hash = createHash('sha256');
  private digested: string | null = null;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.digested === null) this.hash.update(chunk);
    callback(null, chunk);
  }
  digest(): string {
    this.digested ??= this.hash.digest('hex');
    return this.digested;
  }
}

/**
 * Reads what is left of an upload without parsing it, so the request completes (and the size limit
 * is known) however early the parser stopped. Never rejects: a failed upload counts as ended.
 */
function drain(stream: Readable): Promise<void> {
  return new Promise<void>((resolve) => {
    if (stream.readableEnded || stream.destroyed) return resolve();
    stream.once('end', () => resolve());
    stream.once('close', () => resolve());
    stream.once('error', () => resolve());
    stream.resume();
  });
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
  /**
   * Called once the whole file was read and before anything is judged against the database: may throw
   * to refuse the request (the route checks that no second file follows).
   */
  beforeStore?: () => Promise<void>;
}

/**
 * Parses a CSV/XLSX upload and validates its rows as they stream out of the parser, so memory holds
 * one normalised figure per key and the problems, never the file's rows (decision 0003); then stores
 * it in one transaction. 415 for other files, 413 when too large.
 */
export async function importFile(db: Db, req: FileDelivery): Promise<ImportResult> {
  // a body cut off before its closing boundary can fail before the route even gets the file
  if (req.stream.errored || (req.stream.destroyed && !req.stream.readableEnded)) throw incomplete();
  const hashing = new HashingStream();
  let uploadFailed = false;
  req.stream.on('error', (error) => {
    uploadFailed = true;
    hashing.destroy(error);
  });
  // closed without an end (a cancelled upload): the hash would wait for bytes that never come
  req.stream.on('close', () => {
    if (req.stream.readableEnded) return;
    uploadFailed = true;
    hashing.destroy(new Error('upload closed before its end'));
  });
  // destroyed by the parser when it stops early; its error, if any, is the parser's and already thrown
  hashing.on('error', ignore);
  const input = req.stream.pipe(hashing);
  const indicators = listIndicators(db, req.dvo.id);
  // the locks as the file starts, for the per-row check; storeDelivery checks again in its transaction
  const context = {
    ...validationContext(req.dvo, indicators, req.now),
    lockedPeriods: lockedPeriods(db, req.dvo.id),
  };
  let validator: FigureValidator | undefined;
  let format: 'csv' | 'xlsx' = 'csv';
  const parseProblems: ProblemList = { listed: [], count: 0 };
  try {
    const batches = parseImportFileBatches({
      stream: input,
      filename: req.filename,
      ...(req.mimetype ? { mimetype: req.mimetype } : {}),
      ...(req.xlsxIdleTimeoutMs ? { xlsxIdleTimeoutMs: req.xlsxIdleTimeoutMs } : {}),
    });
    for await (const batch of batches) {
      for (const item of batch) {
        if (item.type === 'row') {
          validator ??= createFigureValidator(context);
          validator.add(item);
        } else if (item.type === 'header') {
          format = item.format;
          validator = createFigureValidator({ ...context, delimiter: item.numberDelimiter });
        } else {
          parseProblems.count += 1;
          if (parseProblems.listed.length < MAX_LISTED_ERRORS) parseProblems.listed.push(toDetail(item));
        }
      }
    }
  } catch (error) {
    await finishUpload(req.stream, hashing);
    if (req.truncated?.()) throw tooLarge();
    if (uploadFailed) throw incomplete();
    if (error instanceof FileTypeError) throw new AppError('unsupported_media_type', error.message);
    throw error;
  }
  // The parser may have stopped early (an unclosed quote, mixed encodings): only the whole upload
  // tells whether it was over the limit, and that answer (413) wins over the problems found. The
  // rest still runs through the hash, so a stored file's hash is of all its bytes.
  await drain(hashing);
  if (req.truncated?.()) throw tooLarge();
  if (uploadFailed) throw incomplete();
  await req.beforeStore?.();
  const meta: DeliveryMeta = {
    dvo: req.dvo,
    userId: req.userId,
    source: format,
    filename: req.filename,
    sha256: hashing.digest(),
    dryRun: req.dryRun,
    now: req.now,
  };
  const validated = validator ?? createFigureValidator(context);
  return inTransaction(db, () =>
    storeDelivery(db, meta, indicators, validated, parseProblems, lockedPeriods(db, req.dvo.id)),
  );
}

const ignore = () => {};

/** Detaches the hashing and reads the rest of the upload, so no byte arrives at a finished hash. */
async function finishUpload(upload: Readable, hashing: HashingStream): Promise<void> {
  upload.unpipe(hashing);
  hashing.digest();
  hashing.destroy();
  await drain(upload);
}

function incomplete(): AppError {
  return new AppError(
    'bad_request',
    'Het bestand is niet volledig aangekomen (de upload is afgebroken of onvolledig). Er is niets opgeslagen; probeer het opnieuw.',
  );
}

export function tooLarge(): AppError {
  return new AppError(
    'too_large',
    'Het bestand is groter dan toegestaan. Splits het of vraag de beheerder de limiet te verhogen.',
  );
}
