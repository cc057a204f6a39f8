import { Link } from 'react-router';
import type { CarriedRef } from '../../../shared/contracts/deviations.ts';

/*
 * The other end of a carry-over into next year's DVO (decision 0025): "Meegenomen uit DVO 2024" on a
 * copy, "Meegenomen naar DVO 2025" on its origin, each a link to the other. The link names the DVO
 * year so a screen reader user hears where it leads.
 */

const dvoPath = (slug: string) => `/dvo/${encodeURIComponent(slug)}`;

/** Where a carried deviation's other end lives. */
export function threadPath(ref: CarriedRef): string {
  return `${dvoPath(ref.dvo)}/afwijkingen/${ref.id}`;
}

export function CarriedNote({
  carriedFrom,
  carriedTo,
  href,
}: {
  carriedFrom?: CarriedRef | undefined;
  carriedTo?: CarriedRef | undefined;
  /** Where the link goes; default the deviation thread at the other end. */
  href?: (ref: CarriedRef) => string;
}) {
  const to = href ?? threadPath;
  return (
    <>
      {carriedFrom && (
        <span className="carried-note">
          Meegenomen uit <Link to={to(carriedFrom)}>DVO {carriedFrom.year}</Link>
        </span>
      )}
      {carriedTo && (
        <span className="carried-note">
          Meegenomen naar <Link to={to(carriedTo)}>DVO {carriedTo.year}</Link>
        </span>
      )}
    </>
  );
}
