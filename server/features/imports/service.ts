import { createHash } from 'node:crypto';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { type Db, inTransaction } from '../../../db/client.ts';
import type { ImportResult } from '../../../shared/contracts/figures.ts';
import {
  createFigureValidator,
  type FigureValidator,
  MAX_LISTED_ERRORS,
} from '../../../shared/domain/validate-figures.ts';
import { type DvoRecord, listIndicators } from '../../core/dvo-access.ts';
import {
  type DeliveryMeta,
  type ProblemList,
  storeDelivery,
  toDetail,
  validationContext,
} from '../../core/figures/deliver.ts';
import { lockedPeriods } from '../../core/locks.ts';
import { AppError } from '../../errors.ts';
import { parseImportFileBatches } from './readers/index.ts';

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
  clock?: () => Date;
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
    ...(req.clock ? { clock: req.clock } : {}),
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
    'Het bestand is niet volledig aangekomen (de upload is afgebroken of onvolledig). Probeer het opnieuw.',
  );
}

export function tooLarge(): AppError {
  return new AppError(
    'too_large',
    'Het bestand is groter dan toegestaan. Splits het of vraag de beheerder de limiet te verhogen.',
  );
}
