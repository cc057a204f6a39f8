import type { Frequency, PeriodType } from '../contracts/catalogue.ts';

/** A reporting period: `YYYY-MM` (month), `YYYY-Qn` (quarter) or `YYYY` (year). */
export interface Period {
  readonly type: PeriodType;
  readonly year: number;
  /** 1–12 for a month, 1–4 for a quarter, absent for a year. */
  readonly index?: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

/** Parses a canonical period string; returns null for anything else. */
export function parsePeriod(text: string): Period | null {
  let m = MONTH.exec(text);
  if (m) return { type: 'M', year: Number(m[1]), index: Number(m[2]) };
  m = QUARTER.exec(text);
  if (m) return { type: 'Q', year: Number(m[1]), index: Number(m[2]) };
  m = YEAR.exec(text);
  if (m) return { type: 'Y', year: Number(m[1]) };
  return null;
}

export function formatPeriod(period: Period): string {
  if (period.type === 'M') return `${period.year}-${String(period.index).padStart(2, '0')}`;
  if (period.type === 'Q') return `${period.year}-Q${period.index}`;
  return String(period.year);
}

/** First and last month (1–12) a period covers. */
export function monthSpan(period: Period): { first: number; last: number } {
  if (period.type === 'M') return { first: period.index as number, last: period.index as number };
  if (period.type === 'Q') return { first: ((period.index as number) - 1) * 3 + 1, last: (period.index as number) * 3 };
  return { first: 1, last: 12 };
}

/** A period is due at evaluation month P when it ends on or before the end of P (interface.md §2). */
export function isDue(period: Period, year: number, month: number): boolean {
  if (period.year !== year) return period.year < year;
  return monthSpan(period).last <= month;
}

/** The periods of one frequency in `year` that are due at month `month`, in order. */
export function duePeriods(frequency: PeriodType, year: number, month: number): Period[] {
  const all = periodsOfYear(frequency, year);
  return all.filter((p) => isDue(p, year, month));
}

export function periodsOfYear(frequency: PeriodType, year: number): Period[] {
  if (frequency === 'M') return Array.from({ length: 12 }, (_, i) => ({ type: 'M', year, index: i + 1 }));
  if (frequency === 'Q') return Array.from({ length: 4 }, (_, i) => ({ type: 'Q', year, index: i + 1 }));
  return [{ type: 'Y', year }];
}

/** Whether `inner` lies within `outer` (a month within its quarter and year, a quarter within its year). */
export function periodContains(outer: Period, inner: Period): boolean {
  if (outer.year !== inner.year) return false;
  const o = monthSpan(outer);
  const i = monthSpan(inner);
  return i.first >= o.first && i.last <= o.last;
}

/** The month a deviation list of a period is about: a quarter means its last month. */
export function evaluationMonthOf(period: Period): { year: number; month: number } {
  return { year: period.year, month: monthSpan(period).last };
}

/** The quarter (1–4) that contains a month (1–12). */
export function quarterOfMonth(month: number): number {
  return Math.floor((month - 1) / 3) + 1;
}

/**
 * The last month (1–12) of the latest period of `frequency` that is due at month `month`, or 0 when
 * none is due yet (a quarter in January/February, a year before December).
 */
export function lastDueMonth(frequency: PeriodType, month: number): number {
  if (frequency === 'M') return month;
  if (frequency === 'Q') return Math.floor(month / 3) * 3;
  return month === 12 ? 12 : 0;
}

/** The number of days in a month (1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A month as its period code: 2024, 6 → `2024-06`. */
export function monthPeriod(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The last day of a month as `YYYY-MM-DD`. */
export function endOfMonth(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

/** The last day of a quarter (1–4) as `YYYY-MM-DD`. */
export function endOfQuarter(year: number, quarter: number): string {
  return endOfMonth(year, quarter * 3);
}

/** A `YYYY-MM-DD` date moved by a number of days (calendar arithmetic in UTC, so no DST surprises). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** What an indicator says about its periods: its frequency and, for `once`, its due period. */
export interface PeriodSchedule {
  readonly frequency: Frequency;
  readonly duePeriod?: string | undefined;
}

/** The period type an indicator's figures are delivered in: its frequency, or for `once` the type of its due period. */
export function periodTypeOf(schedule: PeriodSchedule): PeriodType {
  if (schedule.frequency !== 'once') return schedule.frequency;
  return parsePeriod(schedule.duePeriod ?? '')?.type ?? 'Y';
}

/** The periods of `year` an indicator is delivered for: every period of its frequency, or its one due period. */
export function indicatorPeriods(schedule: PeriodSchedule, year: number): Period[] {
  if (schedule.frequency !== 'once') return periodsOfYear(schedule.frequency, year);
  const due = parsePeriod(schedule.duePeriod ?? '');
  return due !== null && due.year === year ? [due] : [];
}

/** The periods of `year` an indicator is delivered for that are due at month `month`, in order. */
export function indicatorDuePeriods(schedule: PeriodSchedule, year: number, month: number): Period[] {
  return indicatorPeriods(schedule, year).filter((p) => isDue(p, year, month));
}

const DUTCH_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The day it is in the Netherlands at `now`, as `YYYY-MM-DD`: deadlines and done-on dates are Dutch days. */
export function dutchDay(now: Date): string {
  return DUTCH_DAY.format(now);
}
