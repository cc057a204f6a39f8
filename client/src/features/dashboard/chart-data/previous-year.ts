import type { Indicator, PreviousAgreement } from '../../../../../shared/contracts/catalogue.ts';
import type { DvoSummary } from '../../../../../shared/contracts/dvos.ts';

/**
 * The same agreement in last year's DVO (issue #14 point 4): the one its `previous` names, else the
 * agreement with the same code in the DVO of the year before between the same two organisations.
 * Null when there is none the user can see.
 */
export function findPreviousAgreement(
  current: DvoSummary,
  indicator: Pick<Indicator, 'code' | 'previous'>,
  visible: readonly DvoSummary[],
): PreviousAgreement | null {
  if (indicator.previous) {
    return visible.some((d) => d.slug === indicator.previous?.dvo) ? indicator.previous : null;
  }
  const lastYear = visible.find(
    (d) =>
      d.year === current.year - 1 &&
      d.opdrachtgever.slug === current.opdrachtgever.slug &&
      d.opdrachtnemer.slug === current.opdrachtnemer.slug,
  );
  return lastYear ? { dvo: lastYear.slug, code: indicator.code } : null;
}
