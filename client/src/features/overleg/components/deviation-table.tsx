import { Link } from 'react-router';
import type { DeviationRow } from '../../../../../shared/contracts/deviations.ts';
import { buildReportRows } from '../../../../../shared/domain/deviation-report.ts';
import { articleLabel, formatPeriodLabel } from '../../../../../shared/domain/format-nl.ts';
import { CarriedNote } from '../../../components/carried-note.tsx';
import { StatusBadge } from '../../../components/ui/status-badge.tsx';
import { agreementName } from '../overleg-text.ts';

interface Props {
  rows: readonly DeviationRow[];
  /** The month the list was judged at (the column headings say "t/m"). */
  month: string;
  caption: string;
  /** Where a row's thread opens. */
  threadHref: (id: number) => string;
}

/**
 * The deviation list: afwijking, aandacht, geen gegevens (the server's order), each with its figures
 * against the norm, since when, the state of its thread, toelichting and maatregel. The texts come
 * from the same builder as the exports, so the screen and the PDF say the same.
 */
export function DeviationTable({ rows, month, caption, threadHref }: Props) {
  if (rows.length === 0) {
    return (
      <p className="message">
        Geen afwijkingen: alle afspraken zijn op koers, worden gevolgd of zijn nog niet aan de orde.
      </p>
    );
  }
  const report = buildReportRows(rows);
  const upto = formatPeriodLabel(month);
  return (
    <div className="table-scroll card overleg-table-card">
      <table className="data-table overleg-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Afspraak</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Realisatie <span className="overleg-th-note">t/m {upto}</span>
            </th>
            <th scope="col" className="num">
              Norm <span className="overleg-th-note">t/m {upto}</span>
            </th>
            <th scope="col">
              Stand <span className="overleg-th-note">afwijkend sinds</span>
            </th>
            <th scope="col">Toelichting</th>
            <th scope="col">Maatregel</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const text = report[i];
            if (!text) return null;
            const name = agreementName(row.name, row.segment);
            return (
              <tr key={`${row.indicator}-${row.segment ?? 'totaal'}`}>
                <th scope="row" className="overleg-agreement">
                  {row.deviationId === null ? name : <Link to={threadHref(row.deviationId)}>{name}</Link>}
                  <CarriedNote carriedFrom={row.carriedFrom} carriedTo={row.carriedTo} />
                  <span className="overleg-article">{articleLabel(row.article)}</span>
                </th>
                <td>
                  <StatusBadge status={row.status} />
                </td>
                {row.actual === null && text.remark ? (
                  <td className="overleg-remark">
                    {text.remark}
                    {text.missing && <span className="missing">ontbreekt: {text.missing}</span>}
                  </td>
                ) : (
                  <td className="num">
                    {text.actualText}
                    {text.missing && <span className="missing">ontbreekt: {text.missing}</span>}
                  </td>
                )}
                <td className="num">
                  {text.expectedText}
                  <span className="overleg-norm">{text.normText}</span>
                </td>
                <td>
                  {text.state ? (
                    <span className="overleg-state">{text.state}</span>
                  ) : (
                    <span className="muted">geen lopende afwijking</span>
                  )}
                  {text.since && <span className="overleg-meta">sinds {text.since}</span>}
                </td>
                <td className="overleg-text">{text.toelichting || <span className="muted">nog geen</span>}</td>
                <td className="overleg-text">
                  {row.maatregel ? (
                    <>
                      {row.maatregel.text}
                      {row.maatregel.owner && <span className="overleg-meta">Eigenaar: {row.maatregel.owner}</span>}
                      {text.deadlineText && <span className="overleg-meta">Deadline: {text.deadlineText}</span>}
                    </>
                  ) : (
                    <span className="muted">nog geen</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
