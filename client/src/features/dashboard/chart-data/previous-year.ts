import type { Indicator, PreviousAgreement } from '../../../../../shared/contracts/catalogue.ts';
import type { DvoSummary } from '../../../../../shared/contracts/dvos.ts';

/**
 * The same agreement in last year's DVO (issue #14 point 4): `GET …/indicators` answers the match
 * (the recorded link, else the same code last year; none when recorded as new, decision 0026). Null
 * when there is none, or the user cannot see that DVO.
 */
export function findPreviousAgreement(
  indicator: Pick<Indicator, 'previous'>,
  visible: readonly DvoSummary[],
): PreviousAgreement | null {
  const match = indicator.previous;
  return match && visible.some((d) => d.slug === match.dvo) ? match : null;
}

/** Last year's DVO between the same two organisations, among those the user can see. */
export function lastYearDvo(current: DvoSummary, visible: readonly DvoSummary[]): DvoSummary | null {
  return (
    visible.find(
      (d) =>
        d.year === current.year - 1 &&
        d.opdrachtgever.slug === current.opdrachtgever.slug &&
        d.opdrachtnemer.slug === current.opdrachtnemer.slug,
    ) ?? null
  );
}
