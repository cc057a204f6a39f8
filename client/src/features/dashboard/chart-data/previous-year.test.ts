import { describe, expect, it } from 'vitest';
import type { DvoSummary } from '../../../../../shared/contracts/dvos.ts';
import { findPreviousAgreement } from './previous-year.ts';

const dvo = (slug: string, year: number, gemeente = 'gemeente-deventer', bedrijf = 'konnected'): DvoSummary => ({
  slug,
  name: slug,
  year,
  opdrachtgever: { slug: gemeente, name: gemeente, type: 'gemeente' },
  opdrachtnemer: { slug: bedrijf, name: bedrijf, type: 'werkbedrijf' },
  chapters: [],
  state: 'active',
});

const d2024 = dvo('deventer-2024', 2024);
const d2025 = dvo('deventer-2025', 2025);
const raalte2024 = dvo('raalte-2024', 2024, 'gemeente-raalte', 'bedrijf-x');

describe('the same agreement last year', () => {
  it('follows previous when the agreement names it, also under another code', () => {
    const found = findPreviousAgreement(
      d2025,
      { code: 'lks_nieuw_2025', previous: { dvo: 'deventer-2024', code: 'lks_nieuw' } },
      [d2024, d2025],
    );
    expect(found).toEqual({ dvo: 'deventer-2024', code: 'lks_nieuw' });
  });

  it('falls back to the same code in the DVO of the year before between the same two organisations', () => {
    expect(findPreviousAgreement(d2025, { code: 'uitstroom', previous: null }, [raalte2024, d2024, d2025])).toEqual({
      dvo: 'deventer-2024',
      code: 'uitstroom',
    });
  });

  it('finds nothing for another pair, for a first year, or for a DVO the user cannot see', () => {
    expect(findPreviousAgreement(d2025, { code: 'uitstroom' }, [raalte2024, d2025])).toBeNull();
    expect(findPreviousAgreement(d2024, { code: 'uitstroom' }, [d2024, d2025])).toBeNull();
    expect(
      findPreviousAgreement(d2025, { code: 'uitstroom', previous: { dvo: 'deventer-2024', code: 'uitstroom' } }, [
        d2025,
      ]),
    ).toBeNull();
  });
});
