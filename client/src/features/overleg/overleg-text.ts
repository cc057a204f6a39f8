import type {
  DeviationEvent,
  DeviationState,
  Maatregel,
  MeetingItem,
  MeetingType,
} from '../../../../shared/contracts/deviations.ts';
import { MEETING_TYPE_LABEL } from '../../../../shared/domain/deviation-report.ts';
import { STATE_LABEL } from '../../../../shared/domain/deviation-workflow.ts';
import { formatDate, formatPeriodLabel, formatSegment } from '../../../../shared/domain/format-nl.ts';
import { monthsOfYear, parseMonth, parseQuarter, quartersOfYear } from '../../lib/period-nav.ts';

// Dutch texts of the deviation workflow and the meetings; the state and meeting words are the ones
// the exports use (shared/domain), so the screen and the PDF say the same.

export { MEETING_TYPE_LABEL, STATE_LABEL };

export const MEETING_TYPES: readonly MeetingType[] = ['voortgangsbespreking', 'kwartaaloverleg', 'bestuurlijk_overleg'];

/** What the button that moves a deviation to this state says. */
export const TRANSITION_LABEL: Record<DeviationState, string> = {
  open: 'Heropenen',
  toegelicht: 'Toegelicht',
  maatregel_afgesproken: 'Maatregel afgesproken',
  besproken: 'Besproken',
  geescaleerd: 'Escaleren naar bestuurlijk overleg',
  afgesloten: 'Afsluiten',
};

/** "Uitstroom zittend bestand Groeien – cohort 2022" */
export function agreementName(name: string, segment: string | null): string {
  return segment === null ? name : `${name} – ${formatSegment(segment)}`;
}

/** A period the deviation list accepts (`YYYY-MM` or `YYYY-Qn`) inside the DVO year, else null. */
export function readPeriodParam(value: string | null, year: number): string | null {
  if (!value) return null;
  const month = parseMonth(value);
  if (month) return month.year === year ? value : null;
  const quarter = parseQuarter(value);
  return quarter?.year === year ? value : null;
}

export interface PeriodOption {
  value: string;
  label: string;
}

/** The quarters, then the months of the DVO year, for the period picker and the meeting form. */
export function periodOptions(year: number): { quarters: PeriodOption[]; months: PeriodOption[] } {
  const option = (value: string) => ({ value, label: formatPeriodLabel(value) });
  return { quarters: quartersOfYear(year).map(option), months: monthsOfYear(year).map(option) };
}

/** "Kwartaaloverleg van 12 juli 2024" */
export function meetingName(meeting: { type: MeetingType; date: string }): string {
  return `${MEETING_TYPE_LABEL[meeting.type]} van ${formatDate(meeting.date)}`;
}

/** "Extra werkgeversbenadering (eigenaar: teamleider Matchen; deadline: 30 september 2024)" */
export function maatregelText(maatregel: Maatregel): string {
  const parts = [
    maatregel.owner ? `eigenaar: ${maatregel.owner}` : null,
    maatregel.deadline ? `deadline: ${formatDate(maatregel.deadline)}` : null,
  ].filter((p) => p !== null);
  return parts.length > 0 ? `${maatregel.text} (${parts.join('; ')})` : maatregel.text;
}

/** One line of a thread's history: what happened, in the users' words. */
export function describeEvent(event: DeviationEvent): { what: string; detail: string | null } {
  switch (event.type) {
    case 'geopend':
      return { what: 'Afwijking geopend', detail: event.note };
    case 'gezien':
      return { what: 'Opnieuw gezien', detail: event.note };
    case 'toelichting':
      return {
        what:
          event.fromState !== event.toState
            ? `Toelichting gegeven; stand naar '${STATE_LABEL[event.toState]}'`
            : 'Toelichting gewijzigd',
        detail: event.toelichting,
      };
    case 'maatregel':
      return {
        what: 'Maatregel vastgelegd',
        detail: event.maatregel ? maatregelText(event.maatregel) : null,
      };
    case 'status':
      return {
        what: `Stand van '${event.fromState ? STATE_LABEL[event.fromState] : '–'}' naar '${STATE_LABEL[event.toState]}'`,
        detail: event.note ? `Reden: ${event.note}` : null,
      };
  }
}

/** Where an item comes from: "dit overleg", or the earlier meeting it was carried on from. */
export function itemOrigin(item: MeetingItem): string {
  if (!item.carried) return 'dit overleg';
  return `${MEETING_TYPE_LABEL[item.meetingType].toLowerCase()} van ${formatDate(item.meetingDate)}`;
}

/** The attendees as typed in the form: one per line (a name may hold a comma), empty lines dropped. */
export function parseAttendees(text: string): string[] {
  return text
    .split('\n')
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

/** Today as `YYYY-MM-DD` in local time (the date field's format). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
