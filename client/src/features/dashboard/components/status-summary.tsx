import { Link } from 'react-router';
import type { Status } from '../../../../../shared/contracts/status.ts';
import { deviationCountText } from '../../../../../shared/domain/statuses.ts';
import { StatusIcon } from '../../../components/ui/status-badge.tsx';
import { type MonthFilters, type StatusCounts, writeMonthFilters } from '../chart-data/month-overview.ts';

const CARDS: { status: Status; label: string }[] = [
  { status: 'on_track', label: 'op koers' },
  { status: 'attention', label: 'aandacht' },
  { status: 'off_track', label: 'afwijking' },
  { status: 'no_data', label: 'geen gegevens' },
  { status: 'not_due', label: 'nog niet aan de orde' },
  { status: 'monitor', label: 'gevolgd zonder norm' },
];

/**
 * The counts per status; each count is a link to the list filtered on that status. A segment judged
 * against its own norm (the art. 14 cohorts) counts apart, as in the deviation list, the quarter
 * screen and the exports, so "afwijkingen" is one number everywhere (issue #13).
 */
export function StatusSummary({
  counts,
  filters,
  deviationsHref,
}: {
  counts: StatusCounts | null;
  filters: MonthFilters;
  /** The deviation list of this month. */
  deviationsHref: string;
}) {
  const n = (value: number | undefined) => (value === undefined ? '…' : value);
  const link = (status: Status) => `?${writeMonthFilters({ statuses: [status], chapter: filters.chapter })}`;
  const qualitativeLink = `?${writeMonthFilters({ statuses: [], chapter: filters.chapter, sort: 'kwalitatief' })}`;
  return (
    <section aria-labelledby="samenvatting" className="summary">
      <h2 id="samenvatting">
        Samenvatting{counts ? `: ${counts.total} afspraken` : ''}
        {!counts && (
          <span className="visually-hidden" role="status">
            {' '}
            wordt geladen
          </span>
        )}
      </h2>
      <ul className="summary-list">
        {CARDS.map(({ status, label }) => (
          <li key={status} className={`summary-item status-${status.replace('_', '-')}`}>
            <Link to={link(status)}>
              <StatusIcon status={status} />
              <span className="summary-count">{n(counts?.byStatus[status])}</span>{' '}
              <span className="summary-label">{label}</span>
              <span className="visually-hidden">: toon deze afspraken</span>
            </Link>
          </li>
        ))}
        <li className="summary-item status-qualitative">
          <Link to={qualitativeLink}>
            <StatusIcon status="qualitative" />
            <span className="summary-count">{n(counts?.qualitative)}</span>{' '}
            <span className="summary-label">kwalitatief</span>
            <span className="visually-hidden">: toon deze afspraken. </span>
            <span className="summary-note">Status met de hand gezet, ook hiernaast meegeteld.</span>
          </Link>
        </li>
      </ul>
      <p className="summary-deviations">
        {counts ? (
          <>
            <Link to={deviationsHref}>{deviationsText(counts)}</Link>
            {counts.judged > counts.total &&
              ` Een afspraak met een norm per segment telt per segment: ${counts.judged} beoordelingen bij ${counts.total} afspraken.`}
          </>
        ) : (
          '\u00a0'
        )}
      </p>
    </section>
  );
}

/** "10 afwijkingen (bij 8 afspraken) te bespreken": the number on the deviation list. */
export function deviationsText(counts: StatusCounts): string {
  if (counts.deviations.total === 0) return 'Geen afwijkingen te bespreken: naar de afwijkingenlijst.';
  return `${capitalise(deviationCountText(counts.deviations))} te bespreken: naar de afwijkingenlijst.`;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
