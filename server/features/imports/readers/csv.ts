/**
 * The CSV reader: bytes → checked UTF-8 text (text.ts) → csv-parse, written and read in one loop,
 * with the separator chosen from the first line.
 */
import type { Readable } from 'node:stream';
import { CsvError, parse as parseCsv } from 'csv-parse';
import type { Delimiter } from '../../../../shared/domain/normalize.ts';
import { ignore, Pacer, readBatches } from './streams.ts';
import { interpretTable, type ParseItem, type TableRows } from './table.ts';
import { isEncodingProblem, Utf8Text } from './text.ts';

/**
 * Bytes handed to the parser at a time. An upload can arrive as one buffer of megabytes; cut up, each
 * piece is parsed and validated in a few milliseconds, and the event loop gets a turn in between.
 */
const SLICE_BYTES = 64 * 1024;
/** Longest record csv-parse may buffer; a longer one is almost always an unclosed quote. */
const MAX_RECORD_CHARS = 100_000;

/** Counts each candidate separator outside quotes in the header line; the most frequent wins. */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts: Record<Delimiter, number> = { ';': 0, '\t': 0, ',': 0 };
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === ';' || char === '\t' || char === ',')) counts[char]++;
  }
  // Ties go to `;` (Dutch Excel), then tab; a header without separators is one column, read as `,`.
  const order = [';', '\t', ','] as const;
  const most = Math.max(...order.map((d) => counts[d]));
  return most === 0 ? ',' : (order.find((d) => counts[d] === most) as Delimiter);
}

/** The index just past the first line break (`\r\n`, `\n` or `\r`) at or after `start`, or the end of `chunk`. */
function lineEnd(chunk: Buffer, start: number): number {
  const lf = chunk.indexOf(0x0a, start);
  const cr = chunk.indexOf(0x0d, start);
  const first = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
  if (first === -1) return chunk.length;
  return first === cr && chunk[first + 1] === 0x0a ? first + 2 : first + 1;
}

/**
 * The record delimiter csv-parse would discover at the first line break of the file, when that is
 * certain from `headText` (no quote before it, a `\r` not the last character read). Telling the
 * parser spares it the discovery, which costs a few buffers per character of the first line.
 */
function recordDelimiter(headText: string): '\r\n' | '\n' | '\r' | undefined {
  const at = headText.search(/[\r\n]/);
  if (at === -1 || headText.lastIndexOf('"', at) !== -1) return undefined;
  if (headText[at] === '\n') return '\n';
  if (at + 1 >= headText.length) return undefined;
  return headText[at + 1] === '\n' ? '\r\n' : '\r';
}

/** The chunks of a batch, each cut into pieces of at most SLICE_BYTES (views, not copies). */
function* slices(chunks: readonly (Buffer | string)[]): Generator<Buffer | string> {
  for (const chunk of chunks) {
    if (chunk.length <= SLICE_BYTES) yield chunk;
    else {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      // Utf8Text carries a character cut in two over to the next piece
      for (let at = 0; at < bytes.length; at += SLICE_BYTES) yield bytes.subarray(at, at + SLICE_BYTES);
    }
  }
}

/**
 * csv-parse 7 builds a CsvError (with a stack trace and a JSON copy of its state) for every record
 * whose field count differs from the first record's, and with `relax_column_count` drops it again.
 * Blank lines and Excel's trailing `;;` are such records, and legal: they cost 10 to 100 times a
 * normal row (measured: 5 MB of blank lines 167 s, 5 MB of rows 0.9 s). Telling the parser, just
 * before it judges each record, that this length is the expected one skips that work and changes
 * nothing else: every length is accepted anyway. A plain number written per record keeps the
 * parser's hot path as fast as before (an accessor slowed clean files twofold).
 */
function acceptEveryRecordLength(parser: ReturnType<typeof parseCsv>, gaps: number[]): boolean {
  const api = (parser as unknown as { api?: RecordApi }).api;
  // another csv-parse version may lay this out differently: then it stays correct, only slower
  if (typeof api?.__onRecord !== 'function' || typeof api.state !== 'object' || typeof api.options !== 'object')
    return false;
  const onRecord = api.__onRecord;
  let records = 0;
  let emptyLines = 0;
  api.__onRecord = function (this: RecordApi, push: unknown) {
    this.state.expectedRecordLength = this.state.record.length;
    // Empty lines are skipped by the parser (below), yet count as rows in Excel's numbering: note
    // how many were skipped before this record.
    const empty = this.info.empty_lines;
    if (empty !== emptyLines) {
      gaps.push(records, empty - emptyLines);
      emptyLines = empty;
    }
    records++;
    // csv-parse calls it with one argument; a rest array and apply per record cost more than the rest of this wrapper
    return onRecord.call(this, push);
  };
  // An empty line would be a record of one empty field each; skipped, it costs no more than its bytes
  // (20 MB of them: 9 s as records). Only with the counting above, or row numbers would shift.
  api.options.skip_empty_lines = true;
  return true;
}

interface RecordApi {
  __onRecord: (push: unknown) => unknown;
  state: { expectedRecordLength: number; record: unknown[] };
  info: { empty_lines: number };
  options: { skip_empty_lines: boolean };
}

/** Whether `headText` holds a complete non-blank line: then the separator can be chosen. */
const FIRST_LINE = /\S[^\n\r]*[\n\r]/;

/**
 * Bytes → text → rows. The first non-blank line chooses the separator, so the text is held back until
 * that line is complete; then everything goes to csv-parse, written and read in this loop (no stream
 * pipes between the steps: per delivery they cost more than the rows).
 */
async function* csvTable(bytes: Readable): AsyncGenerator<TableRows | { delimiter: Delimiter }> {
  const text = new Utf8Text();
  let parser: ReturnType<typeof parseCsv> | undefined;
  let headText = '';
  const head: Buffer[] = [];
  let row = 1;
  /** Pairs (record index, empty lines skipped before it), appended by the parser; see acceptEveryRecordLength. */
  const gaps: number[] = [];
  let gapAt = 0;
  let recordIndex = 0;
  /** Records as table rows, numbered as Excel does: empty lines the parser skipped still count. */
  const table = (records: string[][]): TableRows => {
    const first = row;
    let numbers: number[] | undefined;
    for (let i = 0; i < records.length; i++, recordIndex++, row++) {
      if (gapAt < gaps.length && gaps[gapAt] === recordIndex) {
        numbers ??= Array.from({ length: i }, (_, j) => first + j);
        row += gaps[gapAt + 1] as number;
        gapAt += 2;
      }
      numbers?.push(row);
    }
    if (gapAt === gaps.length && gapAt > 0) {
      gaps.length = 0;
      gapAt = 0;
    }
    return numbers ? { first, cells: records, numbers } : { first, cells: records };
  };
  /** csv-parse handles a write at once; what it parsed waits in its readable side. */
  const parsed = (): string[][] => {
    const records: string[][] = [];
    for (let record = parser?.read() as string[] | null; record; record = parser?.read() as string[] | null)
      records.push(record);
    if (parser?.errored) throw parser.errored;
    return records;
  };
  /** The separator from the first line, a parser for it, and the text held back so far written to it. */
  const start = () => {
    const firstLine = /\S[^\n\r]*/.exec(headText)?.[0] ?? '';
    const delimiter = detectDelimiter(firstLine);
    const records = recordDelimiter(headText);
    const started = parseCsv({
      delimiter,
      ...(records ? { record_delimiter: records } : {}),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: false,
      max_record_size: MAX_RECORD_CHARS,
    });
    // its errors are read from `errored` after each write; the listener keeps them from being thrown
    started.on('error', ignore);
    acceptEveryRecordLength(started, gaps);
    for (const held of head.splice(0)) started.write(held);
    parser = started;
    return { delimiter, parser: started };
  };
  try {
    // also here: a piece of blank lines yields no rows, so no batch would reach interpretTable's pacer
    const pacer = new Pacer();
    for await (const chunks of readBatches<Buffer | string>(bytes)) {
      for (const chunk of slices(chunks)) {
        await pacer.pace();
        for (const piece of text.write(chunk)) {
          if (parser) {
            parser.write(piece);
            continue;
          }
          head.push(piece);
          // decode no further than the first line: a piece may hold the whole file
          for (let from = 0; from < piece.length && headText.length < MAX_RECORD_CHARS; ) {
            const end = lineEnd(piece, from);
            headText += piece.toString('utf8', from, end);
            from = end;
            if (FIRST_LINE.test(headText)) break;
          }
          if (!FIRST_LINE.test(headText) && headText.length < MAX_RECORD_CHARS) continue;
          yield { delimiter: start().delimiter };
        }
        const records = parsed();
        if (records.length > 0) yield table(records);
      }
    }
    const rest = text.end();
    let last = parser;
    if (!last) {
      for (const piece of rest) headText += piece.toString('utf8');
      head.push(...rest.splice(0));
      const started = start();
      yield { delimiter: started.delimiter };
      last = started.parser;
    }
    for (const piece of rest) last.write(piece);
    last.end();
    // everything written was parsed at once, except what csv-parse held back for its readable side
    for await (const records of readBatches<string[]>(last)) yield table(records);
  } finally {
    // stop reading the file when the parser gave up or the caller stopped early
    parser?.destroy();
  }
}

export async function* csvItems(bytes: Readable): AsyncGenerator<ParseItem[]> {
  const table = csvTable(bytes);
  try {
    const first = await table.next();
    const delimiter = first.done ? ',' : (first.value as { delimiter: Delimiter }).delimiter;
    yield* interpretTable(table as AsyncGenerator<TableRows>, 'csv', delimiter);
  } catch (error) {
    if (isEncodingProblem(error)) yield [{ type: 'problem', message: error.message }];
    else if (error instanceof CsvError) {
      // Records parsed just before the error may never reach us, so ask the parser where it was.
      const at = error as CsvError & { records?: number; empty_lines?: number };
      const row = (at.records ?? 0) + (at.empty_lines ?? 0) + 1;
      yield [{ type: 'problem', row, message: csvMessage(error, row) }];
    } else throw error;
  }
}

function csvMessage(error: CsvError, row: number): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED')
    return `Een aanhalingsteken in rij ${row} wordt niet afgesloten; het bestand kan niet verder worden gelezen`;
  if (error.code === 'CSV_MAX_RECORD_SIZE')
    return `Rij ${row} is langer dan ${MAX_RECORD_CHARS.toLocaleString('nl-NL')} tekens; staat er een aanhalingsteken te veel?`;
  return `Het bestand kan vanaf rij ${row} niet als CSV worden gelezen`;
}
