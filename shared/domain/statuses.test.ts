import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEVIATION_STATUSES, isDeviation, STATUSES, type Status, selectDeviations } from './statuses.ts';

const row = (name: string, status: Status) => ({ name, status });

describe('the deviations of an evaluation', () => {
  it('puts afwijkingen first, then aandacht, then geen gegevens, in catalogue order within', () => {
    const rows = [
      row('a', 'attention'),
      row('b', 'on_track'),
      row('c', 'no_data'),
      row('d', 'off_track'),
      row('e', 'attention'),
      row('f', 'monitor'),
      row('g', 'not_due'),
      row('h', 'qualitative'),
    ];
    expect(selectDeviations(rows).map((r) => r.name)).toEqual(['d', 'a', 'e', 'c']);
  });

  it('keeps exactly the deviating rows, each once, grouped by status in list order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...STATUSES), { maxLength: 60 }), (statuses) => {
        const rows = statuses.map((status, i) => row(String(i), status));
        const selected = selectDeviations(rows);
        expect(new Set(selected)).toEqual(new Set(rows.filter((r) => isDeviation(r.status))));
        const ranks = selected.map((r) => DEVIATION_STATUSES.indexOf(r.status as (typeof DEVIATION_STATUSES)[number]));
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        for (let i = 1; i < selected.length; i++) {
          const [prev, next] = [selected[i - 1], selected[i]];
          if (prev?.status === next?.status) expect(Number(prev?.name)).toBeLessThan(Number(next?.name));
        }
      }),
    );
  });
});
