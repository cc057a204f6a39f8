/**
 * Periods as the screens use them: the evaluation month `YYYY-MM` of the month screen, the quarter
 * `YYYY-Qn` of the kwartaaloverleg, and moving between them within the DVO year.
 */

import { monthPeriod } from '../../../shared/domain/periods.ts';

export { monthPeriod };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

export function quarterPeriod(year: number, quarter: number): string {
  return `${year}-Q${quarter}`;
}

/** `{ year, month }` of a `YYYY-MM`, or null. */
export function parseMonth(text: string | null | undefined): { year: number; month: number } | null {
  const m = MONTH.exec(text ?? '');
  return m ? { year: Number(m[1]), month: Number(m[2]) } : null;
}

/** `{ year, quarter }` of a `YYYY-Qn`, or null. */
export function parseQuarter(text: string | null | undefined): { year: number; quarter: number } | null {
  const m = QUARTER.exec(text ?? '');
  return m ? { year: Number(m[1]), quarter: Number(m[2]) } : null;
}

/** The quarter a month lies in: 2024-06 → 2024-Q2. */
export function quarterOfMonthPeriod(month: string): string | null {
  const p = parseMonth(month);
  return p ? quarterPeriod(p.year, Math.floor((p.month - 1) / 3) + 1) : null;
}

/** The month the kwartaaloverleg evaluates: the quarter's last month (2024-Q2 → 2024-06). */
export function lastMonthOfQuarter(quarter: string): string | null {
  const q = parseQuarter(quarter);
  return q ? monthPeriod(q.year, q.quarter * 3) : null;
}

/** The month `delta` months away, or null when it falls outside `year` (a DVO runs one year). */
export function shiftMonth(month: string, delta: number, year: number): string | null {
  const p = parseMonth(month);
  if (!p || p.year !== year) return null;
  const next = p.month + delta;
  return next >= 1 && next <= 12 ? monthPeriod(year, next) : null;
}

/** The quarter `delta` quarters away, or null outside `year`. */
export function shiftQuarter(quarter: string, delta: number, year: number): string | null {
  const q = parseQuarter(quarter);
  if (!q || q.year !== year) return null;
  const next = q.quarter + delta;
  return next >= 1 && next <= 4 ? quarterPeriod(year, next) : null;
}

/** `YYYY-01` … up to and including `month`. */
export function monthsUpTo(month: string): string[] {
  const p = parseMonth(month);
  if (!p) return [];
  return Array.from({ length: p.month }, (_, i) => monthPeriod(p.year, i + 1));
}

export function monthsOfYear(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => monthPeriod(year, i + 1));
}

export function quartersOfYear(year: number): string[] {
  return [1, 2, 3, 4].map((q) => quarterPeriod(year, q));
}

/** The three months of a quarter. */
export function monthsOfQuarter(quarter: string): string[] {
  const q = parseQuarter(quarter);
  if (!q) return [];
  return [1, 2, 3].map((i) => monthPeriod(q.year, (q.quarter - 1) * 3 + i));
}

/** Where the user is, read from the URL, so the header can keep DVO and period across screens. */
export type Screen =
  | { screen: 'maand'; dvo: string; month: string }
  | { screen: 'kwartaal'; dvo: string; quarter: string }
  | { screen: 'indicator'; dvo: string; code: string; month: string | null }
  | { screen: 'afspraken'; dvo: string }
  | { screen: 'other'; dvo: string | null };

export function parseScreen(pathname: string, search: string): Screen {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'dvo' || !parts[1]) return { screen: 'other', dvo: null };
  const dvo = parts[1];
  const [kind, arg] = [parts[2], parts[3]];
  if (kind === 'maand' && parseMonth(arg)) return { screen: 'maand', dvo, month: arg as string };
  if (kind === 'kwartaal' && parseQuarter(arg)) return { screen: 'kwartaal', dvo, quarter: arg as string };
  if (kind === 'indicator' && arg) {
    const period = new URLSearchParams(search).get('period');
    return { screen: 'indicator', dvo, code: arg, month: parseMonth(period) ? period : null };
  }
  if (kind === 'afspraken') return { screen: 'afspraken', dvo };
  return { screen: 'other', dvo };
}
