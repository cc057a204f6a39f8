import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../contracts/catalogue.ts';
import type { FigureValue } from '../contracts/figures.ts';
import { daysBetween, deliveriesDue, isOwnedBy, isPeriodDelivered } from './delivery-due.ts';
import { addDays } from './periods.ts';

function indicator(code: string, frequency: Indicator['frequency'], extra: Partial<Indicator> = {}): Indicator {
  return {
    code,
    article: '1',
    chapter: 'Test',
    name: `Naam ${code}`,
    kind: 'flow',
    frequency,
    unit: 'aantal',
    segments: [],
    normPerSegment: false,
    norm: { basis: 'none', kind: 'monitor' },
    margin: null,
    source: { type: 'dvo', reference: 'art. 1', placeholder: false },
    ...extra,
  } as Indicator;
}

const fig = (indicator: string, period: string, segment: string | null = null, value: number | null = 1) => ({
  indicator,
  period,
  segment,
  value,
  numerator: null,
  denominator: null,
});

const monthly = indicator('uitstroom', 'M', { segments: ['matchen', 'groeien'] });
const quarterly = indicator('lks_behoud', 'Q', { kind: 'stock' });
const yearly = indicator('klanttevredenheid', 'Y', { kind: 'score', unit: 'cijfer' });
const ratio = indicator('matchen_pva_6wk', 'M', { kind: 'ratio', unit: 'procent', aggregate: 'sum' });
const qualitative = indicator('werkstap', 'Q', {
  kind: 'qualitative',
  unit: null,
  norm: { basis: 'none', kind: 'qualitative' },
});

describe('deliveriesDue', () => {
  it('lists a month from the day after it ends, open until its due date and late after it', () => {
    const at = (today: string) =>
      deliveriesDue({ year: 2024, indicators: [monthly], figures: [], today, dueDays: 14 }).filter(
        (d) => d.period === '2024-03',
      );
    expect(at('2024-03-31')).toEqual([]);
    expect(at('2024-04-01')).toMatchObject([{ dueDate: '2024-04-14', state: 'open', daysLeft: 13 }]);
    expect(at('2024-04-14')).toMatchObject([{ state: 'open', daysLeft: 0 }]);
    expect(at('2024-04-15')).toMatchObject([{ state: 'te_laat', daysLeft: -1 }]);
  });

  it('applies the same rule to a quarter and a year: due days after the last day', () => {
    const items = deliveriesDue({
      year: 2024,
      indicators: [quarterly, yearly],
      figures: [],
      today: '2025-01-05',
      dueDays: 10,
    });
    expect(items.map((d) => [d.period, d.dueDate, d.state])).toEqual([
      ['2024-Q1', '2024-04-10', 'te_laat'],
      ['2024-Q2', '2024-07-10', 'te_laat'],
      ['2024-Q3', '2024-10-10', 'te_laat'],
      ['2024-Q4', '2025-01-10', 'open'],
      ['2024', '2025-01-10', 'open'],
    ]);
  });

  it('counts a period delivered by its total or by every segment, not by some segments', () => {
    const base = { year: 2024, indicators: [monthly], today: '2024-02-20', dueDays: 14 };
    expect(deliveriesDue({ ...base, figures: [fig('uitstroom', '2024-01')] })).toEqual([]);
    expect(
      deliveriesDue({
        ...base,
        figures: [fig('uitstroom', '2024-01', 'matchen'), fig('uitstroom', '2024-01', 'groeien')],
      }),
    ).toEqual([]);
    expect(deliveriesDue({ ...base, figures: [fig('uitstroom', '2024-01', 'matchen')] })).toHaveLength(1);
  });

  it('needs numerator and denominator for a ratio', () => {
    const f: FigureValue = { ...fig('matchen_pva_6wk', '2024-01', null, null), numerator: 3, denominator: 4 };
    expect(isPeriodDelivered(ratio, [f])).toBe(true);
    expect(isPeriodDelivered(ratio, [{ ...f, denominator: null }])).toBe(false);
  });

  it('leaves qualitative agreements out: they are set by hand, not delivered', () => {
    expect(
      deliveriesDue({ year: 2024, indicators: [qualitative], figures: [], today: '2024-12-31', dueDays: 14 }),
    ).toEqual([]);
  });

  const dayArb = fc.integer({ min: 0, max: 800 }).map((n) => addDays('2023-12-01', n));
  const figuresArb = fc.array(
    fc.record({
      indicator: fc.constantFrom('uitstroom', 'lks_behoud', 'klanttevredenheid'),
      period: fc.constantFrom('2024-01', '2024-02', '2024-06', '2024-12', '2024-Q1', '2024-Q3', '2024'),
      segment: fc.constantFrom(null, 'matchen', 'groeien'),
    }),
    { maxLength: 20 },
  );
  const inputArb = fc.record({
    today: dayArb,
    dueDays: fc.integer({ min: 0, max: 60 }),
    figures: figuresArb.map((fs) => fs.map((f) => fig(f.indicator, f.period, f.segment))),
  });

  it('for any day, due days and figures: lists only ended, undelivered periods with a consistent state', () => {
    fc.assert(
      fc.property(inputArb, ({ today, dueDays, figures }) => {
        const items = deliveriesDue({ year: 2024, indicators: [monthly, quarterly, yearly], figures, today, dueDays });
        for (const item of items) {
          expect(item.periodEnd < today).toBe(true);
          expect(item.dueDate).toBe(addDays(item.periodEnd, dueDays));
          expect(item.daysLeft).toBe(daysBetween(today, item.dueDate));
          expect(item.state === 'te_laat').toBe(today > item.dueDate);
          const ind = [monthly, quarterly, yearly].find((i) => i.code === item.indicator) as Indicator;
          const ofPeriod = figures.filter((f) => f.indicator === item.indicator && f.period === item.period);
          expect(isPeriodDelivered(ind, ofPeriod)).toBe(false);
        }
        const dates = items.map((i) => i.dueDate);
        expect([...dates].sort()).toEqual(dates);
      }),
    );
  });

  it('for any input: more due days never makes an item late that was open', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: 30 }), ({ today, dueDays, figures }, extra) => {
        const input = { year: 2024, indicators: [monthly, quarterly, yearly], figures, today };
        const before = deliveriesDue({ ...input, dueDays });
        const after = deliveriesDue({ ...input, dueDays: dueDays + extra });
        expect(after.map((i) => `${i.indicator}/${i.period}`).sort()).toEqual(
          before.map((i) => `${i.indicator}/${i.period}`).sort(),
        );
        const lateBefore = new Set(
          before.filter((i) => i.state === 'te_laat').map((i) => `${i.indicator}/${i.period}`),
        );
        for (const i of after)
          if (i.state === 'te_laat') expect(lateBefore.has(`${i.indicator}/${i.period}`)).toBe(true);
      }),
    );
  });

  it('for any input: delivering a listed period removes exactly that item', () => {
    fc.assert(
      fc.property(inputArb, ({ today, dueDays, figures }) => {
        const input = { year: 2024, indicators: [monthly, quarterly, yearly], today, dueDays };
        const items = deliveriesDue({ ...input, figures });
        fc.pre(items.length > 0);
        const first = items[0] as (typeof items)[number];
        const after = deliveriesDue({ ...input, figures: [...figures, fig(first.indicator, first.period)] });
        expect(after).toEqual(items.slice(1));
      }),
    );
  });
});

describe('isOwnedBy', () => {
  const user = { username: 'jdevries', email: 'J.deVries@konnected.nl' };
  it.each([
    ['jdevries', true],
    ['  JDeVries ', true],
    ['j.devries@konnected.nl', true],
    ['KonnecteD', false],
    ['Jan de Vries', false],
    ['', false],
    [null, false],
  ])('owner %j belongs to the user: %s', (owner, expected) => {
    expect(isOwnedBy(owner, user)).toBe(expected);
  });
  it('does not match an empty owner to a user without e-mail', () => {
    expect(isOwnedBy('', { username: 'x', email: null })).toBe(false);
  });
});
