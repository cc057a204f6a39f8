import type { PreviousAgreement } from '../contracts/catalogue.ts';

/** Last year's DVO of the same two organisations, as far as the match needs it. */
export interface LastYear {
  slug: string;
  /** The codes of its agreements. */
  codes: ReadonlySet<string>;
}

/**
 * The same agreement last year (interface.md §7, decision 0026). A recorded link wins; a recorded
 * `null` means "no predecessor" (a new agreement) and stays null; only when no link was ever recorded
 * does the agreement match the one with the same code in last year's DVO of the same organisations.
 */
export function matchPreviousAgreement(
  recorded: PreviousAgreement | null | undefined,
  code: string,
  lastYear: LastYear | null,
): PreviousAgreement | null {
  if (recorded !== undefined) return recorded;
  return lastYear?.codes.has(code) ? { dvo: lastYear.slug, code } : null;
}
