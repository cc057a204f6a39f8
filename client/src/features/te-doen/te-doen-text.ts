import type { MeetingType } from '../../../../shared/contracts/deviations.ts';
import type { TeDoenDelivery } from '../../../../shared/contracts/te-doen.ts';
import { formatDate } from '../../../../shared/domain/format-nl.ts';
import { parsePeriod } from '../../../../shared/domain/periods.ts';

export const MEETING_LABEL: Record<MeetingType, string> = {
  voortgangsbespreking: 'Voortgangsbespreking',
  kwartaaloverleg: 'Kwartaaloverleg',
  bestuurlijk_overleg: 'Bestuurlijk overleg',
};

/** The month the Aanleveren screen opens on for a period: a quarter or a year is delivered with its last month. */
export function deliveryMonth(period: string): string {
  const p = parsePeriod(period);
  if (!p || p.type === 'M') return period;
  const month = p.type === 'Q' ? (p.index as number) * 3 : 12;
  return `${p.year}-${String(month).padStart(2, '0')}`;
}

const dagen = (n: number) => `${n} ${n === 1 ? 'dag' : 'dagen'}`;

/** "uiterlijk 14 april 2024 (nog 3 dagen)", "vandaag uiterlijk", "5 dagen te laat". */
export function dueText(d: Pick<TeDoenDelivery, 'dueDate' | 'daysLeft'>): string {
  if (d.daysLeft < 0) return `${dagen(-d.daysLeft)} te laat (uiterlijk ${formatDate(d.dueDate)})`;
  if (d.daysLeft === 0) return `uiterlijk vandaag (${formatDate(d.dueDate)})`;
  return `uiterlijk ${formatDate(d.dueDate)} (nog ${dagen(d.daysLeft)})`;
}
