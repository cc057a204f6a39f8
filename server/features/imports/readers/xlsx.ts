/** The XLSX reader: exceljs' streaming reader over the first worksheet, with an idle timeout. */
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { RawCell } from '../../../../shared/domain/validate-figures.ts';
import { AppError } from '../../../errors.ts';
import { notCsvOrXlsx } from './sniff.ts';
import { ignore } from './streams.ts';
import { interpretTable, type ParseItem, type TableRows } from './table.ts';

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

const unreadableXlsx = () =>
  new AppError(
    'unsupported_media_type',
    'Het bestand kan niet als XLSX worden gelezen (beschadigd of geen Excel-werkmap).',
  );

interface StreamedWorksheet extends AsyncIterable<ExcelJS.Row> {
  name?: string;
}

async function* xlsxTable(bytes: Readable, idleMs: number): AsyncGenerator<TableRows> {
  // exceljs pipes the bytes without listening for their errors: a failed upload must end the reading
  const failed = new Promise<never>((_, reject) => bytes.on('error', reject));
  failed.catch(ignore);
  const unreadable = () => {
    bytes.destroy();
    return unreadableXlsx();
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
  if (sheets === 0) throw notCsvOrXlsx(', maar een ZIP-archief zonder Excel-werkmap');
}

export async function* xlsxItems(bytes: Readable, idleMs: number): AsyncGenerator<ParseItem[]> {
  async function* rows(): AsyncGenerator<TableRows> {
    try {
      yield* xlsxTable(bytes, idleMs);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw unreadableXlsx();
    }
  }
  yield* interpretTable(rows(), 'xlsx', null);
}
