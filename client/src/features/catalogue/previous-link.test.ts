import { describe, expect, it } from 'vitest';
import type { DvoSummary } from '../../../../shared/contracts/dvos.ts';
import {
  choiceOf,
  linkableDvo,
  NO_PREVIOUS,
  previousChoices,
  previousLabel,
  previousOfChoice,
} from './previous-link.ts';

const dvo = (slug: string, year: number, gemeente = 'gemeente-deventer'): DvoSummary => ({
  slug,
  name: `DVO ${year} ${slug}`,
  year,
  opdrachtgever: { slug: gemeente, name: gemeente, type: 'gemeente' },
  opdrachtnemer: { slug: 'konnected', name: 'KonnecteD', type: 'werkbedrijf' },
  chapters: [],
  state: 'active',
});
const d2024 = dvo('deventer-2024', 2024);
const d2025 = dvo('deventer-2025', 2025);
const raalte2024 = dvo('raalte-2024', 2024, 'gemeente-raalte');

describe('the link to last year on Afspraken', () => {
  it('offers the agreements of last year’s DVO of the same organisations, else of the DVO the links name', () => {
    expect(linkableDvo(d2025, [], [raalte2024, d2024, d2025])).toBe(d2024);
    const linkedToRaalte = [{ previous: { dvo: 'raalte-2024', code: 'uitstroom' } }, { previous: null }];
    expect(linkableDvo(d2025, linkedToRaalte, [raalte2024, d2025])).toBe(raalte2024);
    // the first year: nothing to link to, so no column
    expect(linkableDvo(d2024, [{ previous: null }], [d2024, d2025])).toBeNull();
  });

  it('names a link by code and name, and "geen" for a new agreement', () => {
    const names = new Map([['uitstroom', 'Uitstroom naar werk']]);
    expect(previousLabel({ dvo: 'deventer-2024', code: 'uitstroom' }, names)).toBe('uitstroom – Uitstroom naar werk');
    expect(previousLabel({ dvo: 'deventer-2024', code: 'weg' }, names)).toBe('weg');
    expect(previousLabel(null, names)).toBe('geen (nieuwe afspraak)');
  });

  it('lists "geen" first, then every agreement, and keeps a current link from elsewhere choosable', () => {
    const agreements = [
      { code: 'uitstroom', name: 'Uitstroom' },
      { code: 'lks_nieuw', name: 'Nieuwe LKS' },
    ];
    const current = { dvo: 'ander-2024', code: 'oud' };
    const choices = previousChoices('deventer-2024', agreements, current);
    expect(choices.map((c) => c.label)).toEqual([
      'geen (nieuwe afspraak)',
      'uitstroom – Uitstroom',
      'lks_nieuw – Nieuwe LKS',
      'oud (ander-2024)',
    ]);
    for (const c of choices) expect(choiceOf(previousOfChoice(c.value))).toBe(c.value);
    expect(previousOfChoice(NO_PREVIOUS)).toBeNull();
    expect(previousOfChoice(choices[1]?.value ?? '')).toEqual({ dvo: 'deventer-2024', code: 'uitstroom' });
  });
});
