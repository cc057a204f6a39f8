import type { Indicator, IndicatorKind } from '../../../../../shared/contracts/catalogue.ts';
import type { StatusRow } from '../../../../../shared/contracts/status.ts';
import { countDeviations, type DeviationCount, STATUSES, type Status } from '../../../../../shared/domain/statuses.ts';

// The month screen as data: counts per status, the filter held in the URL, and the rows grouped
// by DVO chapter. Pure, so the screen only renders.

export { STATUSES };

export interface StatusCounts {
  /**
   * Per status, one per judged row: an agreement, and each segment judged against its own norm
   * (art. 14 cohorts), as the deviation list counts them (issue #13: one count everywhere).
   */
  byStatus: Record<Status, number>;
  /** Agreements of kind `qualitative` (their hand-set status is counted in `byStatus` too). */
  qualitative: number;
  /** Agreements (total rows). */
  total: number;
  /** Judged rows: `total` plus the segments with their own norm; what `byStatus` adds up to. */
  judged: number;
  /** The deviations as the deviation list, the quarter screen and the exports count them. */
  deviations: DeviationCount;
}

export function countByStatus(rows: readonly StatusRow[]): StatusCounts {
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  let qualitative = 0;
  let total = 0;
  for (const row of rows) {
    byStatus[row.status] += 1;
    if (row.segment !== null) continue;
    if (row.kind === 'qualitative') qualitative += 1;
    total += 1;
  }
  return { byStatus, qualitative, total, judged: rows.length, deviations: countDeviations(rows) };
}

/** Kinds of agreement as the filter names them: with figures, qualitative, milestone. */
export const AGREEMENT_SORTS = ['cijfers', 'kwalitatief', 'mijlpaal'] as const;
export type AgreementSort = (typeof AGREEMENT_SORTS)[number];

export interface MonthFilters {
  statuses: Status[];
  chapter: string | null;
  sort?: AgreementSort | null;
  /** Only the agreements marked `*` in the DVO: also reported through the programme budget. */
  programmabegroting?: boolean;
}

export const NO_FILTERS: MonthFilters = { statuses: [], chapter: null, sort: null, programmabegroting: false };

export function sortOf(kind: IndicatorKind): AgreementSort {
  if (kind === 'qualitative') return 'kwalitatief';
  if (kind === 'milestone') return 'mijlpaal';
  return 'cijfers';
}

/** `?status=attention&status=off_track&hoofdstuk=Wsw&soort=cijfers&programmabegroting=1`; unknown values are dropped. */
export function readMonthFilters(params: URLSearchParams): MonthFilters {
  const statuses = params.getAll('status').filter((s): s is Status => (STATUSES as readonly string[]).includes(s));
  const sort = params.get('soort');
  return {
    statuses: STATUSES.filter((s) => statuses.includes(s)),
    chapter: params.get('hoofdstuk') || null,
    sort: (AGREEMENT_SORTS as readonly string[]).includes(sort ?? '') ? (sort as AgreementSort) : null,
    programmabegroting: params.get('programmabegroting') === '1',
  };
}

export function writeMonthFilters(filters: MonthFilters, base?: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams(base);
  params.delete('status');
  params.delete('hoofdstuk');
  params.delete('soort');
  params.delete('programmabegroting');
  for (const s of filters.statuses) params.append('status', s);
  if (filters.chapter) params.set('hoofdstuk', filters.chapter);
  if (filters.sort) params.set('soort', filters.sort);
  if (filters.programmabegroting) params.set('programmabegroting', '1');
  return params;
}

export function hasFilters(filters: MonthFilters): boolean {
  return (
    filters.statuses.length > 0 ||
    filters.chapter !== null ||
    Boolean(filters.sort) ||
    Boolean(filters.programmabegroting)
  );
}

export interface AgreementRow {
  indicator: Indicator;
  total: StatusRow;
  /** Segments judged against their own norm (art. 14), in catalogue order. */
  segments: StatusRow[];
}

export interface ChapterGroup {
  chapter: string;
  agreements: AgreementRow[];
}

/** Every agreement under its chapter, in the DVO's chapter order and catalogue order within. */
export function groupByChapter(
  chapters: readonly string[],
  indicators: readonly Indicator[],
  rows: readonly StatusRow[],
  filters: MonthFilters = NO_FILTERS,
): ChapterGroup[] {
  const byIndicator = new Map<string, { total?: StatusRow; segments: StatusRow[] }>();
  for (const row of rows) {
    const entry = byIndicator.get(row.indicator) ?? { segments: [] };
    if (row.segment === null) entry.total = row;
    else entry.segments.push(row);
    byIndicator.set(row.indicator, entry);
  }
  const wanted = new Set(filters.statuses);
  const matches = (a: AgreementRow) =>
    (!filters.sort || sortOf(a.indicator.kind) === filters.sort) &&
    (!filters.programmabegroting || a.indicator.programmabegroting === true) &&
    (wanted.size === 0 || wanted.has(a.total.status) || a.segments.some((s) => wanted.has(s.status)));

  const groups: ChapterGroup[] = [];
  for (const chapter of chapters) {
    if (filters.chapter && filters.chapter !== chapter) continue;
    const agreements: AgreementRow[] = [];
    for (const indicator of indicators) {
      if (indicator.chapter !== chapter) continue;
      const entry = byIndicator.get(indicator.code);
      if (!entry?.total) continue;
      const agreement = { indicator, total: entry.total, segments: entry.segments };
      if (matches(agreement)) agreements.push(agreement);
    }
    if (agreements.length > 0) groups.push({ chapter, agreements });
  }
  return groups;
}

export interface Difference {
  /** actual − norm to date; for a range the distance to the nearest bound (0 inside). */
  value: number;
  /** A range row whose actual lies inside the range. */
  inside: boolean;
}

export function differenceOf(row: Pick<StatusRow, 'actual' | 'expected' | 'norm'>): Difference | null {
  if (row.actual === null) return null;
  const { norm } = row;
  if (norm.kind === 'range' && norm.min !== undefined && norm.max !== undefined) {
    if (row.actual < norm.min) return { value: row.actual - norm.min, inside: false };
    if (row.actual > norm.max) return { value: row.actual - norm.max, inside: false };
    return { value: 0, inside: true };
  }
  if (row.expected === null) return null;
  return { value: row.actual - row.expected, inside: false };
}
