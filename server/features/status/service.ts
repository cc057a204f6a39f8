import type { Db } from '../../../db/client.ts';
import type { Indicator } from '../../../shared/contracts/catalogue.ts';
import type { StatusRow } from '../../../shared/contracts/status.ts';
import { evaluateDvo } from '../../../shared/domain/evaluate.ts';
import { parsePeriod } from '../../../shared/domain/periods.ts';
import { AppError } from '../../errors.ts';
import { type DvoRecord, listIndicators } from '../dvos/repository.ts';
import { loadAssessments, loadFigures } from './repository.ts';

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
  const p = parsePeriod(period);
  if (p?.type !== 'M') throw new AppError('bad_request', `Periode '${period}' moet een maand zijn (JJJJ-MM).`);
  if (p.year !== dvo.year) {
    throw new AppError('bad_request', `Periode ${period} valt buiten het DVO-jaar ${dvo.year}.`);
  }
  return p.index as number;
}

export interface StatusRequest {
  dvo: DvoRecord;
  month: number;
  asOf: string | null;
  now: Date;
}

const CACHE_LIMIT = 5000;
type StatusCache = Map<string, { version: number; rows: StatusRow[] }>;
/** Per database: evaluations by DVO, month, asOf and day, used only while the DVO's data version holds. */
const caches = new WeakMap<Db, StatusCache>();

function cacheOf(db: Db): StatusCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

/**
 * interface.md §5 for one DVO and month, on the data as it stood at `asOf` (or now). Results are
 * cached per data version of the DVO (raised by every write, in its transaction), so a meeting screen
 * asking twelve months at once, or many users at once, costs one evaluation per change.
 */
export function evaluateStatus(db: Db, req: StatusRequest): StatusRow[] {
  const moment = req.asOf ?? req.now.toISOString();
  const key = `${req.dvo.id}|${req.month}|${req.asOf ?? ''}|${moment.slice(0, 10)}`;
  const cache = cacheOf(db);
  const hit = cache.get(key);
  if (hit && hit.version === req.dvo.dataVersion) return hit.rows;
  const rows = computeStatus(db, req, moment);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, { version: req.dvo.dataVersion, rows });
  return rows;
}

const indicatorCache = new WeakMap<Db, Map<number, { version: number; indicators: Indicator[] }>>();

/** The catalogue of a DVO, parsed once per data version (an added indicator raises the version). */
function catalogueOf(db: Db, dvo: DvoRecord): Indicator[] {
  let cache = indicatorCache.get(db);
  if (!cache) {
    cache = new Map();
    indicatorCache.set(db, cache);
  }
  const hit = cache.get(dvo.id);
  if (hit && hit.version === dvo.dataVersion) return hit.indicators;
  const indicators = listIndicators(db, dvo.id).map((i) => i.definition);
  cache.set(dvo.id, { version: dvo.dataVersion, indicators });
  return indicators;
}

function computeStatus(db: Db, req: StatusRequest, moment: string): StatusRow[] {
  return evaluateDvo({
    year: req.dvo.year,
    month: req.month,
    indicators: catalogueOf(db, req.dvo),
    figures: loadFigures(db, req.dvo.id, req.asOf),
    assessments: loadAssessments(db, req.dvo.id, req.asOf),
    today: moment.slice(0, 10),
  });
}

export const DEVIATION_STATUSES = new Set(['attention', 'off_track', 'no_data']);
