import type { Indicator } from '../contracts/catalogue.ts';
import type { Signal } from '../contracts/deviations.ts';
import type { Assessment } from '../contracts/figures.ts';
import { daysBetween, dueAt } from './as-of.ts';
import { formatDate } from './format-nl.ts';
import { addDays, endOfQuarter } from './periods.ts';

/** When the catalogue does not say: the Groeien oud report is due two weeks after the quarter. */
const DEFAULT_DAYS_AFTER_QUARTER_END = 14;
/** A report due within this many days is announced as expected. */
const EXPECTED_WINDOW_DAYS = 14;

export interface SignalInput {
  year: number;
  indicators: readonly Indicator[];
  /** The hand-set completions as they stood at the reference moment. */
  assessments: readonly Assessment[];
  /**
   * The reference day (`YYYY-MM-DD`, as-of.ts `referenceDay`): the day the list, export or meeting is
   * about. Everything late is counted to it, and a quarter that has not ended by it is not named.
   */
  today: string;
  /**
   * The day the data is known at (the list's `asOf`, or today): a report received by then is shown as
   * received, with the days it was late, also when that was after `today` (the list of September,
   * read on 20 October, says the 3rd quarter report came in a day late). Default: `today`.
   */
  knownOn?: string;
  /**
   * The month the list is about: reports of later quarters are not signalled (a list of June does
   * not speak of the 3rd quarter's report, nor does a meeting about June). Absent: every quarter.
   */
  month?: number;
}

const dagen = (n: number) => `${n} ${n === 1 ? 'dag' : 'dagen'}`;

/**
 * Signals for recurring quarterly reports (milestones with `recurring: 'quarterly'`, such as the
 * Groeien oud report due 14 days after each quarter end), for every quarter of the DVO year that has
 * ended by the reference day (and is not after the list's month):
 * missing after its due date (`rapportage_ontbreekt`), received after its due date
 * (`rapportage_te_laat_ontvangen`), or due within two weeks and not yet received (`rapportage_verwacht`).
 * A report counts as late from the day after its due date. Ordered by due date.
 */
export function reportSignals(input: SignalInput): Signal[] {
  const signals: Signal[] = [];
  for (const indicator of input.indicators) {
    const norm = indicator.norm;
    if (norm.basis !== 'deadline' || norm.recurring !== 'quarterly') continue;
    const days = norm.daysAfterQuarterEnd ?? DEFAULT_DAYS_AFTER_QUARTER_END;
    const lastQuarter = input.month === undefined ? 4 : Math.ceil(input.month / 3);
    for (let quarter = 1; quarter <= lastQuarter; quarter++) {
      const period = `${input.year}-Q${quarter}`;
      const quarterEnd = endOfQuarter(input.year, quarter);
      const dueDate = addDays(quarterEnd, days);
      const due = dueAt(quarterEnd, dueDate, input.today);
      if (!due.ended) continue;
      const about = `${indicator.name} over het ${quarter}e kwartaal ${input.year}`;
      const completedOn = input.assessments.find(
        (a) => a.indicator === indicator.code && a.period === period,
      )?.completedOn;
      const receivedOn = completedOn && completedOn <= (input.knownOn ?? input.today) ? completedOn : null;
      const base = { indicator: indicator.code, name: indicator.name, period, dueDate, receivedOn };
      if (receivedOn !== null) {
        const late = daysBetween(dueDate, receivedOn);
        if (late > 0)
          signals.push({
            ...base,
            type: 'rapportage_te_laat_ontvangen',
            severity: 'attention',
            daysLate: late,
            message: `${about} is op ${formatDate(receivedOn)} ontvangen, ${dagen(late)} na de uiterste datum (${formatDate(dueDate)}).`,
          });
      } else if (due.late) {
        const late = -due.daysLeft;
        signals.push({
          ...base,
          type: 'rapportage_ontbreekt',
          severity: 'off_track',
          daysLate: late,
          message: `${about} is te laat: uiterlijk ${formatDate(dueDate)} verwacht en nog niet ontvangen (${dagen(late)} te laat).`,
        });
      } else if (due.daysLeft <= EXPECTED_WINDOW_DAYS) {
        signals.push({
          ...base,
          type: 'rapportage_verwacht',
          severity: 'info',
          daysLate: 0,
          message: `${about} wordt uiterlijk ${formatDate(dueDate)} verwacht.`,
        });
      }
    }
  }
  return signals.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.indicator.localeCompare(b.indicator));
}
