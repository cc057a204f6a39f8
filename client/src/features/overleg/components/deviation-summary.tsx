import type { DeviationsResponse } from '../../../../../shared/contracts/deviations.ts';
import { formatPeriodLabel } from '../../../../../shared/domain/format-nl.ts';
import { countDeviations, deviationCountText } from '../../../../../shared/domain/statuses.ts';
import { StatusBadge } from '../../../components/ui/status-badge.tsx';

const ORDER = ['off_track', 'attention', 'no_data'] as const;

/** The counts per status, each with its icon and word, and the month the list was judged at. */
export function DeviationSummary({ list }: { list: DeviationsResponse }) {
  const count = countDeviations(list.rows);
  return (
    <section aria-labelledby="overleg-samenvatting" className="overleg-summary">
      <h2 id="overleg-samenvatting">Samenvatting</h2>
      <p>
        {count.total === 0
          ? 'Geen afwijkingen'
          : `${deviationCountText(count).replace(/^./, (c) => c.toUpperCase())} ${count.total === 1 ? 'vraagt' : 'vragen'} om een gesprek`}
        , gemeten eind {formatPeriodLabel(list.evaluatedMonth)}:
      </p>
      <ul className="overleg-summary-list">
        {ORDER.map((status) => (
          <li key={status} className={`overleg-summary-item overleg-summary-${status.replace('_', '-')}`}>
            <span className="overleg-summary-count">{list.summary[status]}</span>
            <StatusBadge status={status} />
          </li>
        ))}
      </ul>
    </section>
  );
}
