/**
 * Reads an import file (interface.md §3) as a stream of rows, never holding the file in memory:
 * bytes → file type sniffing (sniff.ts) → (text) encoding detection (text.ts) → csv-parse (csv.ts),
 * or (zip) the exceljs streaming reader (xlsx.ts); the header and column rules (table.ts) are the same
 * for both. Rows come out raw; shared/domain/validate-figures.ts judges them.
 */
import type { Readable } from 'node:stream';
import { csvItems } from './csv.ts';
import { detectFileKind, SNIFF_BYTES } from './sniff.ts';
import { peek } from './streams.ts';
import type { ParseItem } from './table.ts';
import { DEFAULT_XLSX_IDLE_TIMEOUT_MS, xlsxItems } from './xlsx.ts';

export type { ColumnNames, ParsedHeader, ParsedRow, ParseItem, ParseProblem } from './table.ts';

export interface ImportFileInput {
  stream: Readable;
  filename: string;
  mimetype?: string;
  /**
   * How long the XLSX reader may go without producing anything before the file counts as unreadable.
   * exceljs' streaming reader waits forever on some damaged workbooks (found by fuzzing).
   */
  xlsxIdleTimeoutMs?: number;
}

/**
 * Streams an import file as header, rows and problems. The type is decided by content, not by the
 * name: a zip is read as XLSX (first sheet), text as CSV; anything else throws an AppError
 * `unsupported_media_type` (415).
 * Problems (empty file, missing or unknown columns, broken quotes, mixed encodings) are yielded,
 * never thrown, so the caller can list them with the validation errors.
 */
export async function* parseImportFile(input: ImportFileInput): AsyncGenerator<ParseItem> {
  for await (const batch of parseImportFileBatches(input)) yield* batch;
}

/** As parseImportFile, in batches of items (one per chunk of the file): the fast path for imports. */
export async function* parseImportFileBatches(input: ImportFileInput): AsyncGenerator<ParseItem[]> {
  let sniffed = 0;
  const { head, stream: bytes } = await peek<Buffer | string>(input.stream, (chunks) => {
    sniffed += Buffer.byteLength(chunks[chunks.length - 1] as Buffer | string);
    return sniffed >= SNIFF_BYTES;
  });
  const start = Buffer.concat(head.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk)));
  const kind = detectFileKind(start.subarray(0, SNIFF_BYTES));
  if (kind === 'empty') {
    yield [{ type: 'problem', message: 'Het bestand is leeg' }];
    return;
  }
  yield* kind === 'xlsx' ? xlsxItems(bytes, input.xlsxIdleTimeoutMs ?? DEFAULT_XLSX_IDLE_TIMEOUT_MS) : csvItems(bytes);
}
