/**
 * Reads an import file (interface.md §3) as a stream of rows, never holding the file in memory:
 * bytes → file type sniffing → (text) encoding detection → csv-parse, or (zip) the exceljs
 * streaming reader. Rows come out raw; shared/domain/validate-figures.ts judges them.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { type Readable, Readable as ReadableStream } from 'node:stream';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { CsvError, parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { closest, shorten } from '../../../../shared/domain/closest.ts';
import type { Delimiter } from '../../../../shared/domain/normalize.ts';
import {
  DUTCH_COLUMN_NAMES,
  FIGURE_FIELDS,
  type FigureField,
  type RawCell,
  type RawFigure,
} from '../../../../shared/domain/validate-figures.ts';

/** The file is neither CSV nor XLSX; the server answers 415. */
export class FileTypeError extends Error {
  readonly statusCode = 415;
  constructor(
    message: string,
    /** What the file looked like, for logs: `pdf`, `png`, `binary`, … */
    readonly detected: string,
  ) {
    super(message);
    this.name = 'FileTypeError';
  }
}

export type ColumnNames = Partial<Record<FigureField, string>>;

/** Comes first, once the header row has been read. */
export interface ParsedHeader {
  type: 'header';
  format: 'csv' | 'xlsx';
  /** Excel row number of the header (1 unless blank rows precede it). */
  row: number;
  /** The detected field separator; null for XLSX. */
  delimiter: Delimiter | null;
  /**
   * How text numbers in this file are written; pass to the figure validator as `delimiter`. XLSX text
   * cells are read as Dutch Excel writes them (`1.234,5`), real numeric cells need no reading.
   */
  numberDelimiter: Delimiter;
  columnNames: ColumnNames;
}

/** A FigureRowInput as it is, so the validator takes it without copying. */
export interface ParsedRow {
  type: 'row';
  /** Row number as Excel shows it: header = 1, blank rows counted, a multi-line cell is one row. */
  row: number;
  /** Raw cells: CSV text as written; XLSX numbers, text and dates (a date cell as a Date). */
  figure: RawFigure;
  /** The column names as written in the header. */
  columns: ColumnNames;
}

export interface ParseProblem {
  type: 'problem';
  row?: number;
  column?: string;
  message: string;
}

export type ParseItem = ParsedHeader | ParsedRow | ParseProblem;

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

export const DEFAULT_XLSX_IDLE_TIMEOUT_MS = 10_000;

/**
 * Yields what `source` yields, but throws `onIdle()` when it goes `ms` without yielding, and the
 * error of `failed` when that rejects first.
 */
async function* withIdleTimeout<T>(
  source: AsyncIterable<T>,
  ms: number,
  onIdle: () => Error,
  failed: Promise<never>,
): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(onIdle()), ms);
    });
    try {
      const next = await Promise.race([iterator.next(), idle, failed]);
      if (next.done) return;
      yield next.value;
    } finally {
      clearTimeout(timer);
    }
  }
}

const SNIFF_BYTES = 4096;
/**
 * Bytes handed to the parser at a time. An upload can arrive as one buffer of megabytes; cut up, each
 * piece is parsed and validated in a few milliseconds, and the event loop gets a turn in between.
 */
const SLICE_BYTES = 64 * 1024;
/** Longest the parser and validator may hold the event loop before other requests get a turn. */
const MAX_BUSY_MS = 20;
/** Longest record csv-parse may buffer; a longer one is almost always an unclosed quote. */
const MAX_RECORD_CHARS = 100_000;

const COLUMN_ALIASES: ReadonlyMap<string, FigureField> = new Map([
  ['indicator', 'indicator'],
  ['periode', 'period'],
  ['period', 'period'],
  ['segment', 'segment'],
  ['waarde', 'value'],
  ['value', 'value'],
  ['teller', 'numerator'],
  ['numerator', 'numerator'],
  ['noemer', 'denominator'],
  ['denominator', 'denominator'],
  ['toelichting', 'comment'],
  ['comment', 'comment'],
]);

/** Help columns of the delivery template (name, unit, previous value); ignored on import. */
export const TEMPLATE_INFO_COLUMNS: ReadonlySet<string> = new Set([
  'omschrijving',
  'eenheid',
  'vorigeperiode',
  'vorigewaarde',
]);

const BINARY_SIGNATURES: { bytes: number[]; name: string; label: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], name: 'pdf', label: 'een PDF' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], name: 'png', label: 'een PNG-afbeelding' },
  { bytes: [0xff, 0xd8, 0xff], name: 'jpeg', label: 'een JPEG-afbeelding' },
  { bytes: [0x47, 0x49, 0x46, 0x38], name: 'gif', label: 'een GIF-afbeelding' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], name: 'xls', label: 'een oud Excel-bestand (.xls); sla het op als .xlsx of CSV' },
  { bytes: [0x1f, 0x8b], name: 'gzip', label: 'een gzip-archief' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], name: 'zip', label: 'een leeg ZIP-archief' },
];

const startsWith = (buf: Buffer, bytes: number[]) => bytes.every((b, i) => buf[i] === b);

/**
 * Decides from the first bytes whether this is an XLSX (a zip), text, or something to refuse.
 * Throws FileTypeError for other binary files.
 */
export function detectFileKind(head: Buffer): 'xlsx' | 'text' | 'empty' {
  if (head.length === 0) return 'empty';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  for (const signature of BINARY_SIGNATURES) {
    if (startsWith(head, signature.bytes))
      throw new FileTypeError(`Het bestand is geen CSV of XLSX, maar ${signature.label}`, signature.name);
  }
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return 'text';
  let control = 0;
  for (const byte of head) {
    if (byte === 0) throw new FileTypeError('Het bestand is geen CSV of XLSX (het bevat binaire gegevens)', 'binary');
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  }
  if (control > head.length / 20)
    throw new FileTypeError('Het bestand is geen CSV of XLSX (het bevat binaire gegevens)', 'binary');
  return 'text';
}

/** Text that is neither valid UTF-8 nor plausibly Windows-1252. Reported as a problem (422). */
class EncodingError extends Error {}

type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** Length of the prefix of `buf` that does not end inside a UTF-8 multi-byte sequence. */
function completeUtf8Length(buf: Buffer): number {
  let i = buf.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && ((buf[i] as number) & 0xc0) === 0x80) {
    i--;
    continuation++;
  }
  if (i < 0) return buf.length;
  const lead = buf[i] as number;
  const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return buf.length - i < needed ? i : buf.length;
}

const hasNonAscii = (buf: Buffer) => !isAscii(buf);
/** A well-formed UTF-8 multi-byte sequence; in Windows-1252 text these byte pairs (`Ã©`) hardly occur. */
const UTF8_SEQUENCE = /[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}/;
const hasUtf8Sequence = (buf: Buffer) => UTF8_SEQUENCE.test(buf.toString('latin1'));
const MIXED_ENCODING =
  'Het bestand is geen geldige UTF-8 (het mengt tekensets); sla het opnieuw op als "CSV UTF-8 (door komma’s gescheiden)"';

/**
 * Bytes in, checked UTF-8 bytes out, without a BOM and cut only between characters, so each piece is
 * whole text. A BOM decides (UTF-8, UTF-16); without one the text is read as strict UTF-8
 * until the first byte sequence that is not valid UTF-8, and from there as Windows-1252, which is
 * what Dutch Excel's plain "CSV (gescheiden door lijstscheidingsteken)" writes. The switch is safe
 * while everything before was ASCII (identical in both); a file that mixes valid UTF-8 accents with
 * Windows-1252 bytes is refused rather than garbled. Node's own TextDecoder('windows-1252') maps
 * 0x80 to U+0080 instead of €, hence iconv-lite. UTF-8 input passes through as it is (the parser reads
 * bytes, so decoding it here only to encode it again would double the work). A plain object rather
 * than a stream: the CSV reader calls it in its own loop (a stream per delivery cost more than its rows).
 */
export class Utf8Text {
  private encoding: Encoding | 'undecided' = 'undecided';
  private bomPending: Buffer = Buffer.alloc(0);
  private carry: Buffer = Buffer.alloc(0);
  /** Still possible to switch to Windows-1252: no BOM and no non-ASCII UTF-8 seen yet. */
  private mayFallBack = true;
  private decoder: { write(b: Buffer): string; end(): string | undefined } | null = null;
  private out: Buffer[] = [];

  /** The next bytes of the file; returns the UTF-8 text they complete. Throws EncodingError, FileTypeError. */
  write(chunk: Buffer | string): Buffer[] {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (this.encoding === 'undecided') {
      bytes = Buffer.concat([this.bomPending, bytes]);
      if (bytes.length < 3) {
        this.bomPending = bytes;
        return [];
      }
      this.bomPending = Buffer.alloc(0);
      bytes = this.decideByBom(bytes);
    }
    this.decode(bytes, false);
    return this.take();
  }

  /** The end of the file; returns the rest of the text. */
  end(): Buffer[] {
    if (this.encoding === 'undecided') this.decode(this.decideByBom(this.bomPending), true);
    else this.decode(Buffer.alloc(0), true);
    return this.take();
  }

  private take(): Buffer[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private decideByBom(bytes: Buffer): Buffer {
    if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
      this.encoding = 'utf-8';
      this.mayFallBack = false;
      return bytes.subarray(3);
    }
    if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
      this.encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
      this.decoder = iconv.getDecoder(this.encoding, { stripBOM: false });
      return bytes.subarray(2);
    }
    this.encoding = 'utf-8';
    return bytes;
  }

  private decode(bytes: Buffer, final: boolean): void {
    const sixteenBit = this.encoding === 'utf-16le' || this.encoding === 'utf-16be';
    if (!sixteenBit && bytes.includes(0))
      throw new FileTypeError('Het bestand is geen CSV of XLSX (het bevat binaire gegevens)', 'binary');
    if (this.encoding === 'windows-1252' && hasUtf8Sequence(bytes)) throw new EncodingError(MIXED_ENCODING);
    if (this.decoder) {
      const text = this.decoder.write(bytes) + (final ? (this.decoder.end() ?? '') : '');
      if (text) this.out.push(Buffer.from(text));
      return;
    }
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, bytes]) : bytes;
    const cut = final ? data.length : completeUtf8Length(data);
    const complete = data.subarray(0, cut);
    if (isUtf8(complete)) {
      if (complete.length > 0) this.out.push(complete);
      if (this.mayFallBack && hasNonAscii(complete)) this.mayFallBack = false;
      this.carry = Buffer.from(data.subarray(cut));
    } else {
      if (!this.mayFallBack || hasUtf8Sequence(data)) throw new EncodingError(MIXED_ENCODING);
      // Everything before was ASCII, so reading it all as Windows-1252 would have given the same text.
      this.encoding = 'windows-1252';
      this.decoder = iconv.getDecoder('win1252');
      this.carry = Buffer.alloc(0);
      this.decode(data, final);
    }
  }
}

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

/** The Excel letter of a 0-based column index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

const normalizeHeader = (name: string) => name.toLowerCase().replace(/[\s_\-\u00a0]+/g, '');

function cellText(cell: RawCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

/** Consecutive rows of the table, numbered as Excel shows them: `first`, `first + 1`, … */
interface TableRows {
  first: number;
  cells: RawCell[][];
  /** The row number of each of `cells`, when they are not consecutive (blank lines skipped between). */
  numbers?: number[];
}

interface Header {
  fieldOfColumn: (FigureField | null)[];
  /** The column index of each field, -1 when the file lacks it. */
  columnOf: Record<FigureField, number>;
  /** Columns within the header that hold no field (their cells must be empty). */
  unnamed: number[];
  /** Columns whose cells are ignored silently because their header already got a problem. */
  reported: Set<number>;
  columnNames: ColumnNames;
}

function* readHeader(row: number, cells: RawCell[]): Generator<ParseProblem, Header | null> {
  const names = cells.map(cellText);
  const fieldOfColumn: (FigureField | null)[] = names.map(() => null);
  const reported = new Set<number>();
  const columnNames: ColumnNames = {};
  const known = names.map((name) => COLUMN_ALIASES.get(normalizeHeader(name)));
  if (known.every((field) => field === undefined)) {
    yield {
      type: 'problem',
      row,
      message:
        'De eerste rij is geen kopregel: verwacht kolomnamen als indicator, periode, segment, waarde, teller, noemer, toelichting',
    };
    return null;
  }
  for (const [index, name] of names.entries()) {
    if (name === '') continue;
    if (TEMPLATE_INFO_COLUMNS.has(normalizeHeader(name))) {
      // the delivery template's read-only help columns: their cells are not figures
      reported.add(index);
      continue;
    }
    const field = known[index];
    if (field === undefined) {
      const suggestion = closest(normalizeHeader(name), [...COLUMN_ALIASES.keys()]);
      reported.add(index);
      yield {
        type: 'problem',
        row,
        column: shorten(name),
        message: `Onbekende kolom '${shorten(name)}'${suggestion ? `. Bedoelt u '${suggestion}'?` : ''}`,
      };
    } else if (columnNames[field] !== undefined) {
      reported.add(index);
      yield {
        type: 'problem',
        row,
        column: shorten(name),
        message: `Kolom '${shorten(name)}' komt twee keer voor (ook '${shorten(columnNames[field] ?? '')}')`,
      };
    } else {
      fieldOfColumn[index] = field;
      columnNames[field] = name;
    }
  }
  let complete = true;
  for (const field of ['indicator', 'period'] as const) {
    if (columnNames[field] === undefined) {
      complete = false;
      yield { type: 'problem', row, message: `Verplichte kolom '${DUTCH_COLUMN_NAMES[field]}' ontbreekt` };
    }
  }
  if (columnNames.value === undefined && columnNames.numerator === undefined && columnNames.denominator === undefined) {
    complete = false;
    yield { type: 'problem', row, message: "Kolom 'waarde' (of 'teller' en 'noemer') ontbreekt" };
  }
  if (!complete) return null;
  const columnOf = Object.fromEntries(FIGURE_FIELDS.map((field) => [field, fieldOfColumn.indexOf(field)])) as Record<
    FigureField,
    number
  >;
  const unnamed = fieldOfColumn.flatMap((field, index) => (field ? [] : [index]));
  return { fieldOfColumn, columnOf, unnamed, reported, columnNames };
}

/** A cell of a field as the validator gets it: absent column undefined, empty cell null, text trimmed. */
function cellAt(cells: RawCell[], index: number): RawCell {
  if (index < 0) return undefined;
  const cell = cells[index];
  if (cell === undefined || cell === null) return null;
  return typeof cell === 'string' ? cell.trim() || null : cell;
}

const isBlank = (cells: RawCell[]) => cells.every((cell) => cellText(cell) === '');

/** A cell in a column without a name is reported once per column (template help columns are not). */
function reportUnnamed(header: Header, cells: RawCell[], index: number, row: number, out: ParseItem[]): void {
  if (header.reported.has(index) || cellText(cells[index]) === '') return;
  header.reported.add(index);
  out.push({
    type: 'problem',
    row,
    column: `kolom ${columnLetter(index)}`,
    message: `Cel in een kolom zonder kopnaam (kolom ${columnLetter(index)})`,
  });
}

/**
 * Turns raw table rows (CSV or XLSX) into header, rows and problems. Works on batches: one await per
 * chunk of the file rather than per row, which is what keeps a large import fast.
 */
async function* interpretTable(
  batches: AsyncIterable<TableRows>,
  format: ParsedHeader['format'],
  delimiter: Delimiter | null,
): AsyncGenerator<ParseItem[]> {
  let header: Header | null | undefined;
  let dataRows = 0;
  const pacer = new Pacer();
  for await (const batch of batches) {
    // the caller validates what was yielded between two batches: its time counts too
    await pacer.pace();
    const out: ParseItem[] = [];
    for (let i = 0; i < batch.cells.length; i++) {
      const row = batch.numbers ? (batch.numbers[i] as number) : batch.first + i;
      const rowCells = batch.cells[i] as RawCell[];
      if (isBlank(rowCells)) continue;
      if (header === null) continue; // a broken header: read on to the end without reporting every row
      if (header === undefined) {
        const reading = readHeader(row, rowCells);
        let step = reading.next();
        while (!step.done) {
          out.push(step.value);
          step = reading.next();
        }
        header = step.value;
        if (header)
          out.push({
            type: 'header',
            format,
            row,
            delimiter,
            numberDelimiter: delimiter ?? ';',
            columnNames: header.columnNames,
          });
        continue;
      }
      // one literal with every field, so all rows share one object shape (cheaper to make and to read)
      const at = header.columnOf;
      const cells: RawFigure = {
        indicator: cellAt(rowCells, at.indicator),
        period: cellAt(rowCells, at.period),
        segment: cellAt(rowCells, at.segment),
        value: cellAt(rowCells, at.value),
        numerator: cellAt(rowCells, at.numerator),
        denominator: cellAt(rowCells, at.denominator),
        comment: cellAt(rowCells, at.comment),
      };
      for (const index of header.unnamed) reportUnnamed(header, rowCells, index, row, out);
      for (let index = header.fieldOfColumn.length; index < rowCells.length; index++)
        reportUnnamed(header, rowCells, index, row, out);
      dataRows++;
      out.push({ type: 'row', row, figure: cells, columns: header.columnNames });
    }
    if (out.length > 0) yield out;
  }
  if (header === undefined) yield [{ type: 'problem', message: 'Het bestand is leeg' }];
  else if (header && dataRows === 0)
    yield [{ type: 'problem', message: 'Het bestand bevat alleen een kopregel en geen cijfers' }];
}

/** Resolves once `stream` has something to read, has ended or closed; rejects when it fails. */
function readableOrDone(stream: Readable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // one listener for all four events: this runs several times per delivery
    const settle = (error?: unknown) => {
      stream.off('readable', settle);
      stream.off('end', settle);
      stream.off('close', settle);
      stream.off('error', settle);
      if (error instanceof Error) reject(error);
      else resolve();
    };
    stream.on('readable', settle);
    stream.on('end', settle);
    stream.on('close', settle);
    stream.on('error', settle);
  });
}

/** Everything an object stream has buffered, as one array per wake-up, until it ends. */
async function* readBatches<T>(stream: Readable): AsyncGenerator<T[]> {
  for (;;) {
    if (stream.errored) throw stream.errored;
    const batch: T[] = [];
    for (let item = stream.read() as T | null; item !== null; item = stream.read() as T | null) batch.push(item);
    if (batch.length > 0) {
      yield batch;
      continue;
    }
    if (stream.readableEnded || stream.destroyed) {
      if (stream.errored) throw stream.errored;
      return;
    }
    await readableOrDone(stream);
  }
}

/**
 * Reads the first chunks of a paused stream until `enough` says so (or it ends) and puts them back,
 * so the stream can be handed on whole: the file type and the separator are decided on the first
 * bytes and the first line. Returns the chunks and the stream to read on, which is `stream` itself
 * unless it already ended (then a new stream of the chunks: an ended stream takes nothing back).
 * Cheaper than wrapping the stream in a new one, which for every delivery cost more than its rows.
 */
async function peek<T extends Buffer | string>(
  stream: Readable,
  enough: (chunks: readonly T[]) => boolean,
): Promise<{ head: T[]; stream: Readable }> {
  const head: T[] = [];
  reading: for (;;) {
    if (stream.errored) throw stream.errored;
    for (let chunk = stream.read() as T | null; chunk !== null; chunk = stream.read() as T | null) {
      head.push(chunk);
      if (enough(head)) break reading;
    }
    if (stream.readableEnded || stream.destroyed) break;
    await readableOrDone(stream);
  }
  if (stream.errored) throw stream.errored;
  if (stream.readableEnded || stream.destroyed) return { head, stream: ReadableStream.from(head) };
  for (let i = head.length - 1; i >= 0; i--) stream.unshift(head[i]);
  return { head, stream };
}

const ignore = () => {};

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

/**
 * Hands the event loop back every MAX_BUSY_MS, so no upload holds other requests (`/api/health`,
 * `/status`) for long. Called between pieces of work; costs a clock read when there is no need.
 */
class Pacer {
  private busySince = performance.now();
  async pace(): Promise<void> {
    if (performance.now() - this.busySince <= MAX_BUSY_MS) return;
    await nextMacrotask();
    this.busySince = performance.now();
  }
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
  api.__onRecord = function (this: RecordApi, ...args: unknown[]) {
    this.state.expectedRecordLength = this.state.record.length;
    // Empty lines are skipped by the parser (below), yet count as rows in Excel's numbering: note
    // how many were skipped before this record.
    const empty = this.info.empty_lines;
    if (empty !== emptyLines) {
      gaps.push(records, empty - emptyLines);
      emptyLines = empty;
    }
    records++;
    return onRecord.apply(this, args);
  };
  // An empty line would be a record of one empty field each; skipped, it costs no more than its bytes
  // (20 MB of them: 9 s as records). Only with the counting above, or row numbers would shift.
  api.options.skip_empty_lines = true;
  return true;
}

interface RecordApi {
  __onRecord: (...args: unknown[]) => unknown;
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

async function* csvItems(bytes: Readable): AsyncGenerator<ParseItem[]> {
  const table = csvTable(bytes);
  try {
    const first = await table.next();
    const delimiter = first.done ? ',' : (first.value as { delimiter: Delimiter }).delimiter;
    yield* interpretTable(table as AsyncGenerator<TableRows>, 'csv', delimiter);
  } catch (error) {
    if (error instanceof EncodingError) yield [{ type: 'problem', message: error.message }];
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

/** Excel's own precision: 15 significant digits, so 0.1 + 0.2 stays 0.3. */
const excelNumber = (n: number) => Number(n.toPrecision(15));
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function xlsxCell(value: unknown, numFmt: string | undefined): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return excelNumber(value);
  if (typeof value === 'string' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as {
      richText?: { text: string }[];
      text?: unknown;
      result?: unknown;
      formula?: string;
      error?: string;
    };
    if (v.richText) return v.richText.map((part) => part.text).join('');
    if (v.error !== undefined) return v.error;
    if ('formula' in v || 'sharedFormula' in v) {
      // exceljs leaves a formula's numeric result a number even under a date format.
      if (typeof v.result === 'number' && numFmt && /[dmy]/i.test(numFmt.replace(/\[[^\]]*\]|"[^"]*"/g, '')))
        return new Date(EXCEL_EPOCH_MS + Math.round(v.result * 86_400_000));
      return xlsxCell(v.result, undefined);
    }
    if (v.text !== undefined) return xlsxCell(v.text, undefined);
  }
  return String(value);
}

interface StreamedWorksheet extends AsyncIterable<ExcelJS.Row> {
  name?: string;
}

async function* xlsxTable(bytes: Readable, idleMs: number): AsyncGenerator<TableRows> {
  // exceljs pipes the bytes without listening for their errors: a failed upload must end the reading
  const failed = new Promise<never>((_, reject) => bytes.on('error', reject));
  failed.catch(ignore);
  const unreadable = () => {
    bytes.destroy();
    return new FileTypeError('Het bestand kan niet als XLSX worden gelezen (beschadigd of geen Excel-werkmap)', 'xlsx');
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(bytes, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let sheets = 0;
  for await (const worksheet of withIdleTimeout(
    reader as unknown as AsyncIterable<StreamedWorksheet>,
    idleMs,
    unreadable,
    failed,
  )) {
    sheets++;
    // Only the first tab counts; the workbook order is known by the time a sheet is emitted.
    const firstName = (reader as unknown as { model?: { sheets?: { name?: string }[] } }).model?.sheets?.[0]?.name;
    const isFirst = firstName === undefined ? sheets === 1 : worksheet.name === firstName;
    if (!isFirst) continue;
    for await (const row of withIdleTimeout(worksheet, idleMs, unreadable, failed)) {
      const cells: RawCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        cells[column - 1] = xlsxCell(cell.value, cell.numFmt);
      });
      yield { first: row.number, cells: [Array.from(cells, (c) => c ?? null)] };
    }
  }
  if (sheets === 0) throw new FileTypeError('Het bestand is een ZIP-archief maar geen Excel-werkmap (XLSX)', 'zip');
}

async function* xlsxItems(bytes: Readable, idleMs: number): AsyncGenerator<ParseItem[]> {
  async function* rows(): AsyncGenerator<TableRows> {
    try {
      yield* xlsxTable(bytes, idleMs);
    } catch (error) {
      if (error instanceof FileTypeError) throw error;
      throw new FileTypeError(
        'Het bestand kan niet als XLSX worden gelezen (beschadigd of geen Excel-werkmap)',
        'xlsx',
      );
    }
  }
  yield* interpretTable(rows(), 'xlsx', null);
}

/**
 * Streams an import file as header, rows and problems. The type is decided by content, not by the
 * name: a zip is read as XLSX (first sheet), text as CSV; anything else throws FileTypeError (415).
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
