import { describe, expect, it } from 'vitest';
import type { DvoSummary } from '../../../../../shared/contracts/dvos.ts';
import { findPreviousAgreement, lastYearDvo } from './previous-year.ts';

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
  it('follows the match the server gives, also under another code', () => {
    const found = findPreviousAgreement({ previous: { dvo: 'deventer-2024', code: 'lks_nieuw' } }, [d2024, d2025]);
    expect(found).toEqual({ dvo: 'deventer-2024', code: 'lks_nieuw' });
  });

  it('shows nothing for an agreement without a match (new, or recorded as new), nor for a DVO the user cannot see', () => {
    expect(findPreviousAgreement({ previous: null }, [d2024, d2025])).toBeNull();
    expect(findPreviousAgreement({ previous: { dvo: 'deventer-2024', code: 'uitstroom' } }, [d2025])).toBeNull();
  });

  it('knows last year’s DVO only between the same two organisations', () => {
    expect(lastYearDvo(d2025, [raalte2024, d2024, d2025])).toEqual(d2024);
    expect(lastYearDvo(d2025, [raalte2024, d2025])).toBeNull();
    expect(lastYearDvo(d2024, [d2024, d2025])).toBeNull();
  });
});
