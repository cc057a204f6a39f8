import { describe, expect, it } from 'vitest';
import { findCorrections, type LockRecord, type RevisionRecord } from './corrections.ts';

let order = 0;
const revision = (
  period: string,
  value: number,
  recordedAt: string,
  comment: string | null = null,
): RevisionRecord => ({
  indicator: 'lks_nieuw',
  period,
  segment: null,
  value,
  numerator: null,
  denominator: null,
  comment,
  recordedAt,
  recordedBy: 'konnected',
  order: order++,
});
const lock = (
  period: string,
  lockedAt: string,
  unlockedAt: string | null,
  reason: string | null = null,
): LockRecord => ({
  period,
  lockedAt,
  unlockedAt,
  unlockedBy: unlockedAt ? 'gemeente' : null,
  reason,
});
const all = { after: null, until: '2099-01-01T00:00:00.000Z' };

describe('corrections after vaststelling', () => {
  const revisions = [
    revision('2024-03', 3, '2024-04-10T08:00:00.000Z'),
    revision('2024-03', 8, '2024-10-15T09:10:00.000Z', 'nagekomen plaatsingen'),
    revision('2024-05', 4, '2024-06-10T08:00:00.000Z'),
    revision('2024-05', 5, '2024-06-20T08:00:00.000Z'),
  ];

  it('finds a change of a figure whose period had been locked and was reopened, with old and new value and why', () => {
    const locks = [lock('2024-Q1', '2024-05-01T10:00:00.000Z', '2024-10-15T09:00:00.000Z', 'correctie LKS')];
    expect(findCorrections(revisions, locks, all)).toEqual([
      {
        indicator: 'lks_nieuw',
        period: '2024-03',
        segment: null,
        old: { value: 3, numerator: null, denominator: null },
        new: { value: 8, numerator: null, denominator: null },
        changedAt: '2024-10-15T09:10:00.000Z',
        changedBy: 'konnected',
        comment: 'nagekomen plaatsingen',
        lock: locks[0],
      },
    ]);
  });

  it('ignores changes of periods never locked, and changes made before the lock', () => {
    const locks = [
      lock('2024-05', '2024-07-01T00:00:00.000Z', null),
      lock('2024-04', '2024-05-01T00:00:00.000Z', null),
    ];
    expect(findCorrections(revisions, locks, all)).toEqual([]);
  });

  it('counts a year lock for every period in it, but a month lock not for its quarter', () => {
    const year = [lock('2024', '2024-09-01T00:00:00.000Z', '2024-10-01T00:00:00.000Z')];
    expect(findCorrections(revisions, year, all).map((c) => c.period)).toEqual(['2024-03']);
    const quarterly = [
      revision('2024-Q1', 10, '2024-04-10T00:00:00.000Z'),
      revision('2024-Q1', 12, '2024-10-10T00:00:00.000Z'),
    ];
    const monthLock = [lock('2024-03', '2024-05-01T00:00:00.000Z', '2024-10-01T00:00:00.000Z')];
    expect(findCorrections(quarterly, monthLock, all)).toEqual([]);
  });

  it('keeps to the window of the report: after the previous meeting, up to this one', () => {
    const locks = [lock('2024-Q1', '2024-05-01T10:00:00.000Z', '2024-10-15T09:00:00.000Z')];
    expect(findCorrections(revisions, locks, { after: '2024-10-15T09:10:00.000Z', until: '2099-01-01' })).toEqual([]);
    expect(findCorrections(revisions, locks, { after: null, until: '2024-10-15T09:09:59.999Z' })).toEqual([]);
    expect(
      findCorrections(revisions, locks, { after: '2024-10-01T00:00:00.000Z', until: '2024-10-15T09:10:00.000Z' }),
    ).toHaveLength(1);
  });
});
