import { describe, expect, it } from 'vitest';
import { assignThread, deviationKey, firstMonthOfRun, type ThreadSpan } from './deviation-threads.ts';

const key = deviationKey('uitstroom', null);
const span = (id: number, state: ThreadSpan['state'], firstPeriod: string, lastPeriod: string): ThreadSpan => ({
  id,
  key,
  state,
  firstPeriod,
  lastPeriod,
});

describe('which thread a deviating row belongs to', () => {
  it('opens a new thread when the agreement has none', () => {
    expect(assignThread(key, '2024-06', [])).toEqual({ kind: 'new', floor: null });
  });

  it('carries an open thread on to a later month, widening the months in which it was seen', () => {
    expect(assignThread(key, '2024-08', [span(1, 'toegelicht', '2024-05', '2024-06')])).toEqual({
      kind: 'existing',
      id: 1,
      extend: { firstPeriod: '2024-05', lastPeriod: '2024-08' },
    });
  });

  it('needs no change for a month it already covers, also when it is closed', () => {
    expect(assignThread(key, '2024-05', [span(1, 'afgesloten', '2024-04', '2024-06')])).toEqual({
      kind: 'existing',
      id: 1,
      extend: null,
    });
  });

  it('makes a new thread when the deviation comes back after it was closed', () => {
    expect(assignThread(key, '2024-07', [span(1, 'afgesloten', '2024-04', '2024-06')])).toEqual({
      kind: 'new',
      floor: '2024-06',
    });
    const threads = [span(1, 'afgesloten', '2024-04', '2024-06'), span(2, 'open', '2024-08', '2024-08')];
    expect(assignThread(key, '2024-07', threads)).toMatchObject({ kind: 'existing', id: 2 });
  });

  it('shows a month before a closed thread without a thread', () => {
    expect(assignThread(key, '2024-02', [span(1, 'afgesloten', '2024-04', '2024-06')])).toEqual({ kind: 'untracked' });
  });

  it('keeps agreements and segments apart', () => {
    const other = { ...span(1, 'open', '2024-01', '2024-06'), key: deviationKey('uitstroom', 'matchen') };
    expect(assignThread(key, '2024-03', [other])).toEqual({ kind: 'new', floor: null });
  });
});

describe('the first month of a run of deviating months', () => {
  it('goes back while the months before deviate, not past a closed thread', () => {
    const deviating = new Set([2, 3, 4, 6, 7, 8]);
    expect(firstMonthOfRun(8, 0, (m) => deviating.has(m))).toBe(6);
    expect(firstMonthOfRun(4, 0, (m) => deviating.has(m))).toBe(2);
    expect(firstMonthOfRun(4, 2, (m) => deviating.has(m))).toBe(3);
    expect(firstMonthOfRun(1, 0, () => true)).toBe(1);
  });
});
