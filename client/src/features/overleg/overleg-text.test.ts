import { describe, expect, it } from 'vitest';
import type { DeviationEvent, MeetingItem } from '../../../../shared/contracts/deviations.ts';
import {
  describeEvent,
  itemOrigin,
  maatregelText,
  meetingName,
  parseAttendees,
  periodOptions,
  readPeriodParam,
} from './overleg-text.ts';

const event = (over: Partial<DeviationEvent>): DeviationEvent => ({
  id: 1,
  at: '2024-07-12T10:00:00.000Z',
  by: 'beleid',
  type: 'status',
  fromState: 'toegelicht',
  toState: 'maatregel_afgesproken',
  note: null,
  toelichting: null,
  maatregel: null,
  firstPeriod: '2024-01',
  lastPeriod: '2024-06',
  ...over,
});

describe('readPeriodParam', () => {
  it('accepts a month or a quarter of the DVO year only', () => {
    expect(readPeriodParam('2024-Q2', 2024)).toBe('2024-Q2');
    expect(readPeriodParam('2024-06', 2024)).toBe('2024-06');
    expect(readPeriodParam('2023-Q4', 2024)).toBeNull();
    expect(readPeriodParam('2024-13', 2024)).toBeNull();
    expect(readPeriodParam('2024', 2024)).toBeNull();
    expect(readPeriodParam(null, 2024)).toBeNull();
  });
});

describe('periodOptions', () => {
  it('lists the quarters, then the months, in Dutch', () => {
    const { quarters, months } = periodOptions(2024);
    expect(quarters.map((q) => q.label)).toEqual([
      '1e kwartaal 2024',
      '2e kwartaal 2024',
      '3e kwartaal 2024',
      '4e kwartaal 2024',
    ]);
    expect(months).toHaveLength(12);
    expect(months[5]).toEqual({ value: '2024-06', label: 'juni 2024' });
  });
});

describe('parseAttendees', () => {
  it('takes one attendee per line, keeps commas inside a line and drops empty lines', () => {
    expect(parseAttendees(' Jansen, wethouder \n\n  Pietersen (KonnecteD)\n')).toEqual([
      'Jansen, wethouder',
      'Pietersen (KonnecteD)',
    ]);
  });
});

describe('describeEvent', () => {
  it('says which state a deviation moved from and to, with the reason', () => {
    expect(describeEvent(event({ note: 'opgelost' }))).toEqual({
      what: "Stand van 'toegelicht' naar 'maatregel afgesproken'",
      detail: 'Reden: opgelost',
    });
  });

  it('tells a first toelichting (which moves the state) from a later change', () => {
    const first = event({ type: 'toelichting', fromState: 'open', toState: 'toegelicht', toelichting: 'Reden' });
    expect(describeEvent(first).what).toBe("Toelichting gegeven; stand naar 'toegelicht'");
    const later = event({ type: 'toelichting', fromState: 'besproken', toState: 'besproken', toelichting: 'Nieuw' });
    expect(describeEvent(later)).toEqual({ what: 'Toelichting gewijzigd', detail: 'Nieuw' });
  });

  it('shows a maatregel with its owner and deadline in Dutch', () => {
    const maatregel = { text: 'Extra inzet', owner: 'Teamleider', deadline: '2024-09-30' };
    expect(describeEvent(event({ type: 'maatregel', maatregel })).detail).toBe(
      'Extra inzet (eigenaar: Teamleider; deadline: 30 september 2024)',
    );
    expect(maatregelText({ text: 'Alleen tekst', owner: null, deadline: null })).toBe('Alleen tekst');
  });
});

describe('meetings', () => {
  it('names a meeting by its type and date, and an item by where it was raised', () => {
    expect(meetingName({ type: 'bestuurlijk_overleg', date: '2024-11-05' })).toBe(
      'Bestuurlijk overleg van 5 november 2024',
    );
    const item = { carried: true, meetingType: 'kwartaaloverleg', meetingDate: '2024-07-12' } as MeetingItem;
    expect(itemOrigin(item)).toBe('kwartaaloverleg van 12 juli 2024');
    expect(itemOrigin({ ...item, carried: false })).toBe('dit overleg');
  });
});
