import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../contracts/catalogue.ts';
import type { Assessment } from '../contracts/figures.ts';
import { daysBetween, referenceDay } from './as-of.ts';
import { addDays, endOfMonth, endOfQuarter } from './periods.ts';
import { reportSignals } from './report-signals.ts';

const report: Indicator = {
  code: 'mijlpaal_groeien_oud_rapportage',
  article: '10, Bijlage 3',
  chapter: 'Groeien oud (addendum)',
  name: 'Kwartaalrapportage Groeien oud',
  kind: 'milestone',
  frequency: 'Q',
  unit: null,
  segments: [],
  normPerSegment: false,
  norm: { basis: 'deadline', kind: 'milestone', deadline: null, recurring: 'quarterly', daysAfterQuarterEnd: 14 },
  margin: null,
  source: { type: 'addendum', reference: 'Opdracht Groeien oud (Bijlage 3)', placeholder: false },
};
const done = (period: string, completedOn: string): Assessment => ({
  indicator: report.code,
  period,
  status: null,
  narrative: null,
  completedOn,
});
const signals = (today: string, assessments: Assessment[] = []) =>
  reportSignals({ year: 2024, indicators: [report], assessments, today });

describe('signals for the Groeien oud quarterly report (due 14 days after the quarter)', () => {
  it('is on time on its due date and late from the day after', () => {
    expect(signals('2024-04-14').filter((s) => s.type === 'rapportage_ontbreekt')).toEqual([]);
    expect(signals('2024-04-15')[0]).toMatchObject({
      type: 'rapportage_ontbreekt',
      severity: 'off_track',
      period: '2024-Q1',
      dueDate: '2024-04-14',
      daysLate: 1,
      message:
        'Kwartaalrapportage Groeien oud over het 1e kwartaal 2024 is te laat: uiterlijk 14 april 2024 verwacht en nog niet ontvangen (1 dag te laat).',
    });
  });

  it('says a report came in late, and says nothing of one that came in on time', () => {
    const list = signals('2024-10-15', [done('2024-Q1', '2024-04-11'), done('2024-Q2', '2024-07-22')]);
    expect(list.map((s) => [s.period, s.type, s.daysLate])).toEqual([
      ['2024-Q2', 'rapportage_te_laat_ontvangen', 8],
      ['2024-Q3', 'rapportage_ontbreekt', 1],
    ]);
  });

  it('announces a report due within two weeks, and ignores a completion not known yet at that day', () => {
    expect(signals('2024-07-01', [done('2024-Q1', '2024-04-11')])).toMatchObject([
      { period: '2024-Q2', type: 'rapportage_verwacht', severity: 'info', dueDate: '2024-07-14' },
    ]);
    expect(signals('2024-07-20', [done('2024-Q1', '2024-04-11'), done('2024-Q2', '2024-07-22')])).toMatchObject([
      { period: '2024-Q2', type: 'rapportage_ontbreekt', daysLate: 6 },
    ]);
  });

  it('does not speak of reports of quarters after the month the list is about', () => {
    const june = reportSignals({ year: 2024, indicators: [report], assessments: [], today: '2026-11-23', month: 6 });
    expect(june.map((s) => s.period)).toEqual(['2024-Q1', '2024-Q2']);
    const whole = reportSignals({ year: 2024, indicators: [report], assessments: [], today: '2026-11-23' });
    expect(whole.map((s) => s.period)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
  });

  it('has no signals for other agreements', () => {
    const other = { ...report, code: 'mijlpaal_mto', norm: { ...report.norm, recurring: undefined } } as Indicator;
    expect(reportSignals({ year: 2024, indicators: [other], assessments: [], today: '2024-12-31' })).toEqual([]);
  });
});

describe('signals counted to the moment the list is about, never the clock (issue #13)', () => {
  const dayArb = fc.integer({ min: 0, max: 3 * 366 }).map((n) => addDays('2024-01-01', n));
  const assessmentsArb = fc.array(
    fc
      .record({ quarter: fc.integer({ min: 1, max: 4 }), on: dayArb })
      .map(({ quarter, on }) => done(`2024-Q${quarter}`, on)),
    { maxLength: 4 },
  );
  const inputArb = fc.record({
    month: fc.integer({ min: 1, max: 12 }),
    now: dayArb,
    asOf: fc.option(dayArb, { nil: null }),
    daysAfter: fc.integer({ min: 0, max: 60 }),
    assessments: assessmentsArb,
  });

  it('never names a quarter not ended by the moment or after the list, nor counts past the moment', () => {
    fc.assert(
      fc.property(inputArb, ({ month, now, asOf, daysAfter, assessments }) => {
        const indicator = { ...report, norm: { ...report.norm, daysAfterQuarterEnd: daysAfter } } as Indicator;
        const day = referenceDay({ year: 2024, month, asOf: asOf && `${asOf}T10:00:00.000Z`, now: `${now}T23:59:00Z` });
        // the moment is never later than the clock, nor (without asOf) than the month being complete
        if (asOf === null) {
          expect(day <= now).toBe(true);
          expect(day <= addDays(endOfQuarter(2024, 4), 1)).toBe(true);
          expect(day <= addDays(endOfMonth(2024, month), 1)).toBe(true);
        } else expect(day).toBe(asOf);
        const knownOn = asOf ?? now;
        const list = reportSignals({ year: 2024, indicators: [indicator], assessments, today: day, knownOn, month });
        for (const s of list) {
          const quarter = Number(s.period.slice(-1));
          expect(quarter).toBeLessThanOrEqual(Math.ceil(month / 3));
          expect(endOfQuarter(2024, quarter) < day).toBe(true);
          if (s.type === 'rapportage_ontbreekt') {
            expect(s.dueDate < day).toBe(true);
            expect(s.daysLate).toBe(daysBetween(s.dueDate, day));
          }
          if (s.receivedOn !== null) expect(s.receivedOn <= knownOn).toBe(true);
          if (s.type === 'rapportage_verwacht') expect(s.dueDate >= day).toBe(true);
        }
      }),
    );
  });

  it('does not call the 3rd quarter report missing in the list of September, read years later', () => {
    const day = referenceDay({ year: 2024, month: 9, asOf: null, now: '2026-12-03T13:00:00.000Z' });
    expect(day).toBe('2024-10-01');
    const september = reportSignals({ year: 2024, indicators: [report], assessments: [], today: day, month: 9 });
    expect(september.map((s) => [s.period, s.type, s.daysLate])).toEqual([
      ['2024-Q1', 'rapportage_ontbreekt', 170],
      ['2024-Q2', 'rapportage_ontbreekt', 79],
      ['2024-Q3', 'rapportage_verwacht', 0],
    ]);
  });
});
