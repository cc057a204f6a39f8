import type { Indicator } from '../contracts/catalogue.ts';
import type { FigureValue } from '../contracts/figures.ts';
import type { Role } from '../contracts/session.ts';
import { daysBetween, dueAt } from './as-of.ts';
import { addDays, endOfMonth, formatPeriod, indicatorPeriods, monthSpan } from './periods.ts';

export { daysBetween };

/**
 * The roles that deliver figures: the werkbedrijf's staff (opdrachtnemer, for their own DVOs) and the
 * beheerder. The Aanleveren screen, Te doen's deliveries and the server's rule read it here.
 */
export const DELIVERING_ROLES: readonly Role[] = ['opdrachtnemer', 'beheerder'];

/** Unless a DVO says otherwise: a period's figures are due 14 days after it ends (dvos.delivery_due_days). */
export const DEFAULT_DELIVERY_DUE_DAYS = 14;

/** The kinds that are delivered as figures; qualitative and milestone rows are set by hand. */
const DELIVERED_KINDS: ReadonlySet<Indicator['kind']> = new Set(['flow', 'stock', 'ratio', 'score']);

export interface DueDelivery {
  indicator: string;
  name: string;
  /** `YYYY-MM`, `YYYY-Qn` or `YYYY`, as the indicator's frequency says. */
  period: string;
  /** The period's last day, `YYYY-MM-DD`. */
  periodEnd: string;
  /** The last day it may be delivered on time: `periodEnd` + the DVO's delivery days. */
  dueDate: string;
  /** `open`: the period has ended, the due date has not passed; `te_laat`: it has. */
  state: 'open' | 'te_laat';
  /** Days until the due date (0 on the day itself); negative when late. */
  daysLeft: number;
}

export interface DeliveriesDueInput {
  year: number;
  indicators: readonly Indicator[];
  /** The figures as they stand now. */
  figures: readonly FigureValue[];
  /** The reference day, `YYYY-MM-DD` (Te doen and the reminders: the Dutch date of today); see as-of.ts. */
  today: string;
  /** The DVO's `delivery_due_days`. */
  dueDays: number;
}

function hasNumber(kind: Indicator['kind'], f: FigureValue | undefined): boolean {
  if (!f) return false;
  return kind === 'ratio' ? f.numerator != null && f.denominator != null : f.value != null;
}

/**
 * Whether a period counts as delivered, as the evaluation reads it (interface.md §5): its total, or
 * every one of the indicator's segments. Some segments only is not delivered.
 */
export function isPeriodDelivered(indicator: Indicator, ofPeriod: readonly FigureValue[]): boolean {
  const total = ofPeriod.find((f) => f.segment === null);
  if (hasNumber(indicator.kind, total)) return true;
  if (indicator.segments.length === 0) return false;
  return indicator.segments.every((s) =>
    hasNumber(
      indicator.kind,
      ofPeriod.find((f) => f.segment === s),
    ),
  );
}

/**
 * The deliveries of a DVO year that are due or late and not delivered (decision 0014). The same rule
 * for every frequency: a period can be delivered from the day after it ends and is due `dueDays` days
 * after that last day; a month, a quarter and a year differ only in where they end (a yearly figure
 * of 2024 is due on 14 January 2025 by default). Periods that have not ended are not listed.
 * Ordered by due date, then by catalogue order.
 */
export function deliveriesDue(input: DeliveriesDueInput): DueDelivery[] {
  const byKey = new Map<string, FigureValue[]>();
  for (const f of input.figures) {
    const key = `${f.indicator}\u0000${f.period}`;
    const list = byKey.get(key);
    if (list) list.push(f);
    else byKey.set(key, [f]);
  }
  const items: (DueDelivery & { order: number })[] = [];
  input.indicators.forEach((indicator, order) => {
    if (!DELIVERED_KINDS.has(indicator.kind)) return;
    for (const period of indicatorPeriods(indicator, input.year)) {
      const periodEnd = endOfMonth(period.year, monthSpan(period).last);
      const dueDate = addDays(periodEnd, input.dueDays);
      const { ended, late, daysLeft } = dueAt(periodEnd, dueDate, input.today);
      if (!ended) continue;
      const code = formatPeriod(period);
      if (isPeriodDelivered(indicator, byKey.get(`${indicator.code}\u0000${code}`) ?? [])) continue;
      items.push({
        indicator: indicator.code,
        name: indicator.name,
        period: code,
        periodEnd,
        dueDate,
        state: late ? 'te_laat' : 'open',
        daysLeft,
        order,
      });
    }
  });
  items.sort((a, b) => (a.dueDate === b.dueDate ? a.order - b.order : a.dueDate < b.dueDate ? -1 : 1));
  return items.map(({ order: _order, ...item }) => item);
}

/**
 * Whether an action item belongs to a user (decision 0014): its owner text, trimmed and without
 * regard to case, is the user's username or e-mail address. Owners are free text written in a
 * meeting ("KonnecteD", "Jan"); only an exact name makes it someone's, never a guess.
 */
export function isOwnedBy(owner: string | null, user: { username: string; email: string | null }): boolean {
  if (owner === null) return false;
  const o = owner.trim().toLowerCase();
  if (o === '') return false;
  return o === user.username.toLowerCase() || (user.email !== null && o === user.email.trim().toLowerCase());
}
