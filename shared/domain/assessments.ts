import type { Role } from '../contracts/session.ts';
import { formatDate, formatPeriodLabel } from './format-nl.ts';
import { monthSpan, type Period, parsePeriod, periodContains } from './periods.ts';
import type { AssessedStatus } from './statuses.ts';

/**
 * Hand-set statuses (decision 0017): who may set them, what must be filled in, and when a
 * vastgestelde period refuses them. Pure, so the Indicator form and the server apply one rule.
 */

/**
 * Both parties set them: the opdrachtnemer, who delivers and explains, proposes the quarter's status
 * with its narrative; the opdrachtgever can set it too (its view, discussed in the kwartaaloverleg);
 * every setting is kept with who made it, and vaststellen freezes the quarter. A lezer only reads.
 */
export const ASSESSMENT_ROLES: readonly Role[] = ['beheerder', 'opdrachtgever', 'opdrachtnemer'];

export function maySetAssessments(role: Role): boolean {
  return ASSESSMENT_ROLES.includes(role);
}

export type AssessedKind = 'qualitative' | 'milestone';

export interface AssessmentInput {
  status: AssessedStatus | null;
  narrative: string | null;
  completedOn: string | null;
}

/** A problem with one field of the form (the field names are those of the request body). */
export interface AssessmentProblem {
  column: 'status' | 'narrative' | 'completedOn';
  message: string;
}

/**
 * What is wrong with a setting, field by field (empty when it may be stored). `today` is the Dutch
 * day: a milestone cannot have been done in the future. A narrative of only spaces counts as empty.
 */
export function assessmentProblems(
  kind: AssessedKind,
  input: AssessmentInput,
  context: { year: number; today: string },
): AssessmentProblem[] {
  const problems: AssessmentProblem[] = [];
  const narrative = input.narrative?.trim() ?? '';
  if (kind === 'qualitative') {
    if (input.status === null)
      problems.push({ column: 'status', message: 'Kies een status: op koers, aandacht of afwijking.' });
    if (narrative === '')
      problems.push({
        column: 'narrative',
        message: 'Schrijf een toelichting: waarom deze status, wat is er gebeurd?',
      });
    if (input.completedOn !== null)
      problems.push({ column: 'completedOn', message: 'Een kwalitatieve afspraak krijgt geen datum van gereedkomen.' });
    return problems;
  }
  if (input.status !== null)
    problems.push({ column: 'status', message: 'Een mijlpaal krijgt geen status maar een datum van gereedkomen.' });
  if (input.completedOn === null && narrative === '')
    problems.push({
      column: 'completedOn',
      message: 'Vul de datum in waarop de mijlpaal gereed was, of een notitie over de stand.',
    });
  if (input.completedOn !== null) {
    if (input.completedOn > context.today)
      problems.push({
        column: 'completedOn',
        message: `De datum ${formatDate(input.completedOn)} ligt in de toekomst: vul de dag in waarop de mijlpaal gereed was.`,
      });
    else if (input.completedOn < `${context.year - 1}-01-01`)
      problems.push({
        column: 'completedOn',
        message: `De datum ${formatDate(input.completedOn)} ligt ver voor het DVO-jaar ${context.year}; klopt het jaartal?`,
      });
  }
  return problems;
}

export interface AssessmentLock {
  /** the vastgestelde period that refuses the setting */
  lock: string;
  message: string;
}

function monthOfDate(date: string): Period | null {
  return parsePeriod(date.slice(0, 7));
}

/**
 * Whether a vastgestelde period refuses this setting: the status of a quarter is first judged at its
 * last month, so it is frozen once that month (or its quarter or year) is vastgesteld; a milestone's
 * done-on date decides its verdict from the month of that date on, so a new date, or the date it
 * replaces, in a vastgestelde period is refused too. Null when nothing refuses it.
 */
export function assessmentLock(
  period: string,
  dates: { completedOn: string | null; previousCompletedOn: string | null },
  lockedPeriods: readonly string[],
): AssessmentLock | null {
  const p = parsePeriod(period);
  if (!p) return null;
  const locks = lockedPeriods.map((l) => ({ text: l, period: parsePeriod(l) })).filter((l) => l.period !== null);
  const lastMonth: Period = { type: 'M', year: p.year, index: monthSpan(p).last };
  for (const l of locks) {
    if (periodContains(l.period as Period, lastMonth)) {
      return {
        lock: l.text,
        message: `${capitalise(formatPeriodLabel(l.text))} is vastgesteld, dus de stand van ${formatPeriodLabel(period)} kan niet meer worden gewijzigd. Vraag de opdrachtgever die periode eerst te heropenen.`,
      };
    }
  }
  for (const date of [dates.completedOn, dates.previousCompletedOn]) {
    if (date === null) continue;
    const month = monthOfDate(date);
    if (!month) continue;
    const l = locks.find((x) => periodContains(x.period as Period, month));
    if (l) {
      return {
        lock: l.text,
        message: `De datum ${formatDate(date)} valt in ${formatPeriodLabel(l.text)}, en die periode is vastgesteld. Vraag de opdrachtgever die periode eerst te heropenen.`,
      };
    }
  }
  return null;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
