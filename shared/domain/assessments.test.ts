import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessmentLock, assessmentProblems, maySetAssessments } from './assessments.ts';

const context = { year: 2024, today: '2024-10-15' };
const none = { completedOn: null, previousCompletedOn: null };

describe('who may set a hand-set status', () => {
  it('lets both parties and the beheerder set it, and a lezer only read', () => {
    expect(['beheerder', 'opdrachtgever', 'opdrachtnemer', 'lezer'].map((r) => maySetAssessments(r as never))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});

describe('what a setting needs', () => {
  it('asks a qualitative agreement for a status and a narrative, naming each missing field', () => {
    expect(assessmentProblems('qualitative', { status: null, narrative: ' ', completedOn: null }, context)).toEqual([
      { column: 'status', message: expect.stringMatching(/Kies een status/) },
      { column: 'narrative', message: expect.stringMatching(/toelichting/) },
    ]);
    expect(
      assessmentProblems('qualitative', { status: 'on_track', narrative: 'Loopt.', completedOn: null }, context),
    ).toEqual([]);
  });

  it('asks a milestone for a done-on date or a note, not in the future', () => {
    expect(assessmentProblems('milestone', { status: null, narrative: null, completedOn: null }, context)).toHaveLength(
      1,
    );
    expect(
      assessmentProblems('milestone', { status: null, narrative: 'Nog bezig.', completedOn: null }, context),
    ).toEqual([]);
    expect(
      assessmentProblems('milestone', { status: null, narrative: null, completedOn: '2024-10-15' }, context),
    ).toEqual([]);
    expect(
      assessmentProblems('milestone', { status: null, narrative: null, completedOn: '2024-10-16' }, context),
    ).toEqual([
      {
        column: 'completedOn',
        message: 'De datum 16 oktober 2024 ligt in de toekomst: vul de dag in waarop de mijlpaal gereed was.',
      },
    ]);
    expect(
      assessmentProblems('milestone', { status: null, narrative: null, completedOn: '2022-12-31' }, context),
    ).toHaveLength(1);
  });
});

describe('a vastgestelde period', () => {
  it('freezes a quarter once its last month, its quarter or its year is vastgesteld', () => {
    for (const lock of ['2024-06', '2024-Q2', '2024']) {
      expect(assessmentLock('2024-Q2', none, [lock])?.lock).toBe(lock);
    }
    expect(assessmentLock('2024-Q2', none, ['2024-04', '2024-05', '2024-07', '2024-Q3'])).toBeNull();
  });

  it('freezes a milestone of the year only in December, and any done-on date inside a vastgestelde period', () => {
    expect(assessmentLock('2024', none, ['2024-11'])).toBeNull();
    expect(assessmentLock('2024', none, ['2024-12'])?.lock).toBe('2024-12');
    expect(assessmentLock('2024', { completedOn: '2024-03-20', previousCompletedOn: null }, ['2024-Q1'])?.message).toBe(
      'De datum 20 maart 2024 valt in 1e kwartaal 2024, en die periode is vastgesteld. Vraag de opdrachtgever die periode eerst te heropenen.',
    );
    // moving a date out of a vastgestelde month changes that month's verdict too
    expect(
      assessmentLock('2024', { completedOn: '2024-05-01', previousCompletedOn: '2024-03-20' }, ['2024-03'])?.lock,
    ).toBe('2024-03');
  });

  it('never freezes a setting when no vastgestelde period holds its last month or its dates', () => {
    const month = fc.integer({ min: 1, max: 12 }).map((m) => `2024-${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(month, { maxLength: 12 }), (quarter, locks) => {
        const last = `2024-${String(quarter * 3).padStart(2, '0')}`;
        const result = assessmentLock(`2024-Q${quarter}`, none, locks);
        expect(result === null).toBe(!locks.includes(last));
      }),
    );
  });
});
