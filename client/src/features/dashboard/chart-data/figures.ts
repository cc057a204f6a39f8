import type { IndicatorKind } from '../../../../../shared/contracts/catalogue.ts';
import type { FigureHistory, Revision } from '../../../../../shared/contracts/figures.ts';

// Figures with their revision history (GET /figures), read "as known on" a date.

/**
 * A user's "zoals bekend op" date (YYYY-MM-DD) as the moment the server uses: the end of that day
 * in UTC (server/core/evaluation/evaluation.ts parseAsOf). A full ISO time is kept as it is.
 */
export function asOfMoment(asOf: string | null | undefined): string | null {
  if (!asOf) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return `${asOf}T23:59:59.999Z`;
  const t = Date.parse(asOf);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** The revision that was current at `moment` (ISO), or the current one when `moment` is null. */
export function revisionAt(history: FigureHistory, moment: string | null): Revision | undefined {
  if (moment === null) return history.revisions.find((r) => r.supersededAt === null) ?? history.revisions[0];
  const at = Date.parse(moment);
  return history.revisions.find(
    (r) => Date.parse(r.recordedAt) <= at && (r.supersededAt === null || Date.parse(r.supersededAt) > at),
  );
}

/** The number a revision stands for: its value, or 100 × numerator / denominator for a ratio. */
export function revisionNumber(revision: Revision, kind: IndicatorKind): number | null {
  if (kind === 'ratio') {
    if (revision.numerator === null || revision.denominator === null || revision.denominator === 0) return null;
    return (100 * revision.numerator) / revision.denominator;
  }
  return revision.value;
}

export interface PeriodValue {
  period: string;
  /** The total figure, or the sum of the segment figures when no total was delivered (flow/stock). */
  total: number | null;
  /** Whether `total` was delivered as such or summed from segments. */
  totalSummed: boolean;
  segments: Record<string, number | null>;
  /** Toelichting delivered with the figures of this period (total first). */
  comments: string[];
}

/**
 * One entry per period that had a figure at `moment`, in period order. Ratios are summed over
 * segments as 100 × Σ numerators / Σ denominators.
 */
export function valuesByPeriod(
  figures: readonly FigureHistory[],
  indicator: string,
  kind: IndicatorKind,
  moment: string | null,
): PeriodValue[] {
  type Entry = { total?: Revision; segments: Map<string, Revision> };
  const byPeriod = new Map<string, Entry>();
  for (const figure of figures) {
    if (figure.indicator !== indicator) continue;
    const revision = revisionAt(figure, moment);
    if (!revision) continue;
    const entry: Entry = byPeriod.get(figure.period) ?? { segments: new Map() };
    if (figure.segment === null) entry.total = revision;
    else entry.segments.set(figure.segment, revision);
    byPeriod.set(figure.period, entry);
  }
  return [...byPeriod.entries()]
    .sort(([a], [b]) => comparePeriods(a, b))
    .map(([period, entry]) => {
      const segments: Record<string, number | null> = {};
      for (const [segment, revision] of entry.segments) segments[segment] = revisionNumber(revision, kind);
      let total: number | null = entry.total ? revisionNumber(entry.total, kind) : null;
      const summed = !entry.total && entry.segments.size > 0;
      if (summed) total = sumSegments([...entry.segments.values()], kind);
      const comments = [entry.total, ...entry.segments.values()]
        .map((r) => r?.comment?.trim())
        .filter((c): c is string => Boolean(c));
      return { period, total, totalSummed: summed, segments, comments };
    });
}

function sumSegments(revisions: Revision[], kind: IndicatorKind): number | null {
  if (kind === 'ratio') {
    let num = 0;
    let den = 0;
    for (const r of revisions) {
      if (r.numerator === null || r.denominator === null) continue;
      num += r.numerator;
      den += r.denominator;
    }
    return den > 0 ? (100 * num) / den : null;
  }
  const values = revisions.map((r) => r.value).filter((v): v is number => v !== null);
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) : null;
}

/** Periods in time order by their first month; a longer period before the months it contains (Q2 < 2024-04). */
export function comparePeriods(a: string, b: string): number {
  const key = (p: string) => {
    const m = /^(\d{4})(?:-(\d{2})|-Q(\d))?$/.exec(p);
    if (!m) return [0, 0, 0];
    const year = Number(m[1]);
    if (m[2]) return [year, Number(m[2]), 1];
    if (m[3]) return [year, (Number(m[3]) - 1) * 3 + 1, 0];
    return [year, 1, -1];
  };
  const [ka, kb] = [key(a), key(b)];
  for (let i = 0; i < 3; i++) {
    const d = (ka[i] as number) - (kb[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}

export interface RevisionLine {
  period: string;
  segment: string | null;
  revision: Revision;
  /** The previous value of this figure, for "changed from … to …". */
  previous: Revision | null;
  current: boolean;
  /** Whether this revision was the one in force at the chosen `asOf` moment. */
  inForceAtAsOf: boolean;
}

/** Every revision of one indicator by period and segment, newest revision first, for the history table. */
export function revisionLines(
  figures: readonly FigureHistory[],
  indicator: string,
  moment: string | null,
): RevisionLine[] {
  const lines: RevisionLine[] = [];
  for (const figure of figures) {
    if (figure.indicator !== indicator) continue;
    const atAsOf = moment === null ? undefined : revisionAt(figure, moment);
    figure.revisions.forEach((revision, i) => {
      lines.push({
        period: figure.period,
        segment: figure.segment,
        revision,
        previous: figure.revisions[i + 1] ?? null,
        current: revision.supersededAt === null,
        inForceAtAsOf: atAsOf === revision,
      });
    });
  }
  return lines.sort(
    (a, b) =>
      comparePeriods(a.period, b.period) ||
      (a.segment ?? '').localeCompare(b.segment ?? '') ||
      Date.parse(b.revision.recordedAt) - Date.parse(a.revision.recordedAt),
  );
}
