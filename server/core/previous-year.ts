import type { Db } from '../../db/client.ts';
import type { Indicator, PreviousAgreement } from '../../shared/contracts/catalogue.ts';
import { matchPreviousAgreement } from '../../shared/domain/previous-year.ts';
import { type DvoRecord, listDvos, listIndicators } from './dvo-access.ts';

/** The DVO of the year before between the same two organisations, if there is one. */
export function lastYearDvo(db: Db, dvo: DvoRecord): DvoRecord | null {
  return (
    listDvos(db).find(
      (d) =>
        d.year === dvo.year - 1 &&
        d.opdrachtgeverId === dvo.opdrachtgeverId &&
        d.opdrachtnemerId === dvo.opdrachtnemerId,
    ) ?? null
  );
}

/**
 * Each agreement's match in last year's DVO (decision 0026): its recorded `previous`, where an explicit
 * null means none; without a recorded link the same code in last year's DVO of the same organisations.
 * The one place the Jaarevaluatie and `GET …/indicators` (and so the Indicator screen) take it from.
 */
export function previousAgreements(
  db: Db,
  dvo: DvoRecord,
  definitions: readonly Pick<Indicator, 'code' | 'previous'>[],
): Map<string, PreviousAgreement | null> {
  const before = definitions.some((d) => d.previous === undefined) ? lastYearDvo(db, dvo) : null;
  const lastYear = before
    ? { slug: before.slug, codes: new Set(listIndicators(db, before.id).map((i) => i.definition.code)) }
    : null;
  return new Map(definitions.map((d) => [d.code, matchPreviousAgreement(d.previous, d.code, lastYear)]));
}
