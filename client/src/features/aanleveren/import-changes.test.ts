import { describe, expect, it } from 'vitest';
import type { FigureHistory, Revision } from '../../../../shared/contracts/figures.ts';
import { changesByImport } from './import-changes.ts';

function revision(importId: number, value: number): Revision {
  return {
    value,
    numerator: null,
    denominator: null,
    comment: null,
    recordedAt: `2024-0${importId}-10T08:00:00.000Z`,
    supersededAt: null,
    recordedBy: 'teamleider',
    importId,
    source: 'csv',
    filename: `levering-${importId}.csv`,
  };
}

const figures: FigureHistory[] = [
  // newest first: import 3 corrected what import 1 delivered
  { indicator: 'uitstroom', period: '2024-01', segment: 'matchen', revisions: [revision(3, 21), revision(1, 20)] },
  { indicator: 'uitstroom', period: '2024-02', segment: 'matchen', revisions: [revision(2, 18)] },
  { indicator: 'lks_nieuw', period: '2024-01', segment: null, revisions: [revision(1, 3)] },
];

describe('the figures an import changed', () => {
  it('lists per import the revisions it stored', () => {
    const byImport = changesByImport(figures);
    expect(byImport.get(1)?.map((c) => `${c.indicator} ${c.period}`)).toEqual([
      'uitstroom 2024-01',
      'lks_nieuw 2024-01',
    ]);
    expect(byImport.get(2)?.map((c) => c.revision.value)).toEqual([18]);
    expect(byImport.has(4)).toBe(false);
  });

  it('takes the next older revision as the previous value, none for a new figure', () => {
    const [correction] = changesByImport(figures).get(3) ?? [];
    expect(correction?.revision.value).toBe(21);
    expect(correction?.previous?.value).toBe(20);
    expect(changesByImport(figures).get(1)?.[0]?.previous).toBeNull();
  });
});
