import type { NormView, StatusRow } from '../../../../../shared/contracts/status.ts';
import { formatDate, formatValue } from '../../../../../shared/domain/format-nl.ts';

/** The norm to date in a few words: "min. 200", "max. 14,7%", "72 tot 129". */
export function normToDateText(row: Pick<StatusRow, 'expected' | 'norm' | 'unit'>): string {
  const { norm, unit } = row;
  if (norm.kind === 'range' && norm.min !== undefined && norm.max !== undefined) {
    return `${formatValue(norm.min, unit)} tot ${formatValue(norm.max, unit)}`;
  }
  if (norm.kind === 'milestone') return norm.deadline ? `uiterlijk ${formatDate(norm.deadline)}` : 'zonder datum';
  // the years stand in the source beside it; a narrow number column holds only the amount
  if (norm.basis === 'budget' && norm.value !== undefined) return `budget ${formatValue(norm.value, unit)}`;
  if (row.expected === null) return '–';
  return `${norm.kind === 'max' ? 'max.' : 'min.'} ${formatValue(row.expected, unit)}`;
}

/** Where the norm comes from, with a badge (instead of the words in the source) when it is a stand-in. */
export function NormSource({ norm }: { norm: NormView }) {
  const source = norm.placeholder ? norm.source.replace(/\s*\(voorlopige waarde\)\s*$/i, '') : norm.source;
  return (
    <span className="norm-source">
      {source}
      {norm.placeholder && <span className="badge badge-placeholder">voorlopige waarde</span>}
    </span>
  );
}
