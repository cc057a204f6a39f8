import type { Db } from '../../../db/client.ts';
import { StatusResponseSchema, type StatusRow, StatusSeriesResponseSchema } from '../../../shared/contracts/status.ts';
import { evaluateDvo } from '../../../shared/domain/evaluate.ts';
import { endOfMonth, monthPeriod } from '../../../shared/domain/periods.ts';
import { monthPoints } from '../../../shared/domain/series.ts';
import { AppError } from '../../errors.ts';
import { type DvoRecord, requirePeriodOfDvo } from '../dvo-access.ts';
import { loadAssessments, loadFigures } from '../figures/read.ts';
import { catalogueAsOf } from '../norms/norms.ts';

/** Minutes Europe/Amsterdam is ahead of UTC at `instant` (60 in winter, 120 in summer). */
function amsterdamOffsetMinutes(instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Amsterdam',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((local - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * `asOf` as given by a user: a full ISO time, or a date meaning "everything recorded up to and
 * including that day" in Dutch time (the end of that day in Europe/Amsterdam). Returns ISO UTC.
 */
export function parseAsOf(text: string | undefined): string | null {
  if (text === undefined || text === '') return null;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(Date.parse(dateOnly ? `${text}T00:00:00Z` : text))) {
    throw new AppError('bad_request', `asOf '${text}' is geen geldige datum of tijd (ISO 8601, bijv. 2024-07-01).`);
  }
  if (!dateOnly) return new Date(text).toISOString();
  const endUtc = Date.parse(`${text}T23:59:59.999Z`);
  return new Date(endUtc - amsterdamOffsetMinutes(new Date(endUtc)) * 60_000).toISOString();
}

/** The evaluation month of a DVO; 400 unless a `YYYY-MM` within the DVO year. */
export function requireMonthInYear(dvo: DvoRecord, period: string): number {
  return requirePeriodOfDvo(dvo, period, ['M']).index as number;
}

export interface StatusRequest {
  dvo: DvoRecord;
  month: number;
  asOf: string | null;
  now: Date;
}

/** Enough for every month of about 800 DVOs (the Netherlands has some 340 gemeenten). */
export const CACHE_LIMIT = 10_000;
/**
 * Evaluations kept as rows for the features that build on them (deviation lists, meetings, series):
 * a few hundred, the ones in use. The answers of `GET /status` are kept apart, as encoded bytes.
 */
const ROWS_LIMIT = 500;

interface Cached<T> {
  version: number;
  value: T;
}

/** A bounded map per database, keyed by statusKey and valid while the DVO's data version holds. */
class VersionedCache<T> {
  private readonly byDb = new WeakMap<Db, Map<string, Cached<T>>>();
  constructor(private readonly limit: number) {}

  private of(db: Db): Map<string, Cached<T>> {
    let cache = this.byDb.get(db);
    if (!cache) {
      cache = new Map();
      this.byDb.set(db, cache);
    }
    return cache;
  }

  /** The value while the DVO's data version holds, or null. */
  ready(db: Db, req: StatusRequest): T | null {
    const hit = this.of(db).get(statusKey(req));
    return hit && hit.version === req.dvo.dataVersion ? hit.value : null;
  }

  /** The cached value, else `make()` kept (the oldest entry makes room). */
  get(db: Db, req: StatusRequest, make: () => T): T {
    const ready = this.ready(db, req);
    if (ready !== null) return ready;
    const value = make();
    const cache = this.of(db);
    const key = statusKey(req);
    cache.delete(key);
    if (cache.size >= this.limit) cache.delete(cache.keys().next().value as string);
    cache.set(key, { version: req.dvo.dataVersion, value });
    return value;
  }
}

/**
 * Per database: the `GET /status` and `GET /series` answers, encoded through their response schema
 * once and kept as UTF-8 outside the JS heap, so thousands of them stay small; and the rows of the
 * evaluations in use.
 */
const statusAnswers = new VersionedCache<Buffer>(CACHE_LIMIT);
const seriesAnswers = new VersionedCache<Buffer>(CACHE_LIMIT);
const evaluations = new VersionedCache<StatusRow[]>(ROWS_LIMIT);

/**
 * The cache key of an evaluation. The day matters only for the current data of a month not yet over:
 * `today` reaches the evaluation only through milestone dates up to the end of the month (for
 * December: up to the reports due in the first quarter of the next year), and once today lies past
 * that every such date is before it (shared/domain/evaluate.ts, evaluateMilestone).
 * With `asOf`, today is the day of asOf, so asOf decides it.
 */
export function statusKey(req: StatusRequest): string {
  const today = req.now.toISOString().slice(0, 10);
  // December also judges the reports due early in the next year (the Groeien-oud Q4 report, 14 January)
  const horizon = req.month === 12 ? endOfMonth(req.dvo.year + 1, 3) : endOfMonth(req.dvo.year, req.month);
  const day = req.asOf === null && horizon >= today ? today : '';
  return `${req.dvo.id}|${req.month}|${req.asOf ?? ''}|${day}`;
}

/**
 * interface.md §5 for one DVO and month as the `GET /status` answer (JSON as UTF-8), on the data as
 * it stood at `asOf` (or now). Cached per data version of the DVO (raised by every write, in its
 * transaction), so a meeting screen asking twelve months at once, or many users at once, costs one
 * evaluation per change.
 */
export function statusBody(db: Db, req: StatusRequest): Buffer {
  return statusAnswers.get(db, req, () => {
    const rows = evaluateStatus(db, req);
    const period = monthPeriod(req.dvo.year, req.month);
    return Buffer.from(
      JSON.stringify(StatusResponseSchema.encode({ dvo: req.dvo.slug, period, asOf: req.asOf, rows })),
    );
  });
}

/**
 * The status rows of one DVO and month (interface.md §5), on the data as it stood at `asOf` (or now),
 * for the features that build on them; cached like statusBody. A month whose stored data cannot be
 * evaluated throws EvaluationFailed.
 */
export function evaluateStatus(db: Db, req: StatusRequest): StatusRow[] {
  return evaluations.get(db, req, () => {
    try {
      return computeStatus(db, req, req.asOf ?? req.now.toISOString());
    } catch (cause) {
      throw new EvaluationFailed(req.dvo.slug, monthPeriod(req.dvo.year, req.month), cause);
    }
  });
}

/**
 * The stored data of one DVO month cannot be evaluated (say, a figure stored before the plausible
 * bounds of decision 0012 existed). It stays that DVO month's problem: its requests answer this as a
 * clean 500 and the background evaluation logs it and goes on (decision 0006).
 */
export class EvaluationFailed extends AppError {
  constructor(
    readonly dvo: string,
    readonly period: string,
    cause: unknown,
  ) {
    super(
      'internal',
      `De evaluatie van ${dvo} voor ${period} kon niet worden gemaakt: de opgeslagen gegevens zijn niet te beoordelen. De beheerder vindt de oorzaak in het serverlog.`,
    );
    this.name = 'EvaluationFailed';
    this.cause = cause;
  }
}

/** The answer statusBody would give, if it is ready in the cache for the current data; null otherwise. */
export function readyStatusBody(db: Db, req: StatusRequest): Buffer | null {
  return statusAnswers.ready(db, req);
}

/**
 * The `GET /series` answer (JSON as UTF-8): for every row of the month, its course from January,
 * read from the evaluations of months 1..month. Cached the same way.
 */
export function seriesBody(db: Db, req: StatusRequest): Buffer {
  return seriesAnswers.get(db, req, () => {
    const rowsByMonth = Array.from({ length: req.month }, (_, i) => evaluateStatus(db, { ...req, month: i + 1 }));
    const series = (rowsByMonth[req.month - 1] ?? []).map((row) => ({
      indicator: row.indicator,
      segment: row.segment,
      points: monthPoints(rowsByMonth, row.indicator, row.segment),
    }));
    const response = { dvo: req.dvo.slug, period: monthPeriod(req.dvo.year, req.month), asOf: req.asOf, series };
    return Buffer.from(JSON.stringify(StatusSeriesResponseSchema.encode(response)));
  });
}

/**
 * Each month is judged with the norm versions effective for it and recorded at or before `asOf`
 * (decision 0021); each row's norm says which version and whether it is provisional.
 */
function computeStatus(db: Db, req: StatusRequest, moment: string): StatusRow[] {
  const catalogue = catalogueAsOf(db, req.dvo, req.month, req.asOf);
  const rows = evaluateDvo({
    year: req.dvo.year,
    month: req.month,
    indicators: catalogue.indicators,
    figures: loadFigures(db, req.dvo.id, req.asOf),
    assessments: loadAssessments(db, req.dvo.id, req.asOf),
    today: moment.slice(0, 10),
  });
  return rows.map((row) => {
    const v = catalogue.versions.get(row.indicator);
    return v ? { ...row, norm: { ...row.norm, version: v.version, provisional: v.provisional } } : row;
  });
}
