import { describe, expect, it } from 'vitest';
import { matchPreviousAgreement } from './previous-year.ts';

const lastYear = { slug: 'dvo-2024', codes: new Set(['uitstroom', 'lks_nieuw']) };

describe('matchPreviousAgreement', () => {
  it('takes a recorded link, also to another code', () => {
    expect(matchPreviousAgreement({ dvo: 'dvo-2024', code: 'lks_nieuw' }, 'lks_instroom', lastYear)).toEqual({
      dvo: 'dvo-2024',
      code: 'lks_nieuw',
    });
  });

  it('keeps an explicit null as "no predecessor", even when last year has the same code', () => {
    expect(matchPreviousAgreement(null, 'uitstroom', lastYear)).toBeNull();
  });

  it('falls back to the same code in last year’s DVO only when no link was recorded', () => {
    expect(matchPreviousAgreement(undefined, 'uitstroom', lastYear)).toEqual({ dvo: 'dvo-2024', code: 'uitstroom' });
    expect(matchPreviousAgreement(undefined, 'nieuw_in_2025', lastYear)).toBeNull();
    expect(matchPreviousAgreement(undefined, 'uitstroom', null)).toBeNull();
  });
});
