/**
 * The header and column rules of an import file, the same for CSV and XLSX: which columns a header
 * names, which are missing, and how each row's cells become a raw figure for the validator.
 */
import { closest, shorten } from '../../../../shared/domain/closest.ts';
import {
  ALWAYS_REQUIRED_FIELDS,
  DELIVERY_COLUMNS,
  DUTCH_COLUMN_NAMES,
  FIGURE_FIELDS,
  type FigureField,
  NUMBER_FIELDS,
  TEMPLATE_HELP_COLUMNS,
} from '../../../../shared/domain/delivery-columns.ts';
import type { Delimiter } from '../../../../shared/domain/normalize.ts';
import type { RawCell, RawFigure } from '../../../../shared/domain/validate-figures.ts';
import { Pacer } from './streams.ts';

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

const normalizeHeader = (name: string) => name.toLowerCase().replace(/[\s_\-\u00a0]+/g, '');

/** Every name a header may give a delivery column: its Dutch and its English name. */
const COLUMN_ALIASES: ReadonlyMap<string, FigureField> = new Map(
  DELIVERY_COLUMNS.flatMap((column) => [
    [column.dutch, column.field],
    [column.english, column.field],
  ]),
);

/** Help columns of the delivery template (name, unit, previous value); ignored on import. */
export const TEMPLATE_INFO_COLUMNS: ReadonlySet<string> = new Set(
  Object.values(TEMPLATE_HELP_COLUMNS).map(normalizeHeader),
);

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

function cellText(cell: RawCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

/** Consecutive rows of the table, numbered as Excel shows them: `first`, `first + 1`, … */
export interface TableRows {
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
      message: `De eerste rij is geen kopregel: verwacht kolomnamen als ${FIGURE_FIELDS.map((field) => DUTCH_COLUMN_NAMES[field]).join(', ')}`,
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
  for (const field of ALWAYS_REQUIRED_FIELDS) {
    if (columnNames[field] === undefined) {
      complete = false;
      yield { type: 'problem', row, message: `Verplichte kolom '${DUTCH_COLUMN_NAMES[field]}' ontbreekt` };
    }
  }
  if (NUMBER_FIELDS.every((field) => columnNames[field] === undefined)) {
    complete = false;
    yield {
      type: 'problem',
      row,
      message: `Kolom '${DUTCH_COLUMN_NAMES.value}' (of '${DUTCH_COLUMN_NAMES.numerator}' en '${DUTCH_COLUMN_NAMES.denominator}') ontbreekt`,
    };
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
export async function* interpretTable(
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
