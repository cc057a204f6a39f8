import { type MouseEvent, memo } from 'react';
import { Link, useNavigate } from 'react-router';
import type { StatusResponse, StatusRow } from '../../../../../shared/contracts/status.ts';
import {
  formatDate,
  formatDifference,
  formatPeriodLabel,
  formatPeriodShort,
  formatSegment,
  formatValue,
} from '../../../../../shared/domain/format-nl.ts';
import { StatusBadge } from '../../../components/ui/status-badge.tsx';
import { type AgreementRow, type ChapterGroup, differenceOf } from '../chart-data/month-overview.ts';
import { monthSeries } from '../chart-data/series.ts';
import { detailPath } from '../links.ts';
import { NormSource, normToDateText } from './norm-text.tsx';
import { Sparkline } from './sparkline.tsx';

function chapterId(chapter: string): string {
  return `hoofdstuk-${chapter
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

interface TableProps {
  dvo: string;
  month: string;
  groups: ChapterGroup[];
  /** The evaluation at months 1..P, for the sparklines (index 0 = January). */
  series: readonly (StatusResponse | undefined)[];
}

/** Every agreement per chapter: one table per chapter, one row per agreement (and judged segment). */
export const AgreementsTables = memo(function AgreementsTables({ dvo, month, groups, series }: TableProps) {
  const navigate = useNavigate();
  // A click anywhere on a row opens its detail (keyboard users have the link on the name).
  const onRowClick = (event: MouseEvent<HTMLTableRowElement>, to: string) => {
    const target = event.target as HTMLElement;
    if (target.closest('a, button, input, select, summary') || window.getSelection()?.toString()) return;
    navigate(to);
  };
  const short = formatPeriodShort(month);
  return (
    <>
      {groups.map((group) => (
        <section key={group.chapter} aria-labelledby={chapterId(group.chapter)} className="card chapter">
          <h2 id={chapterId(group.chapter)}>{group.chapter}</h2>
          <div className="table-scroll">
            <table className="data-table agreements-table">
              <colgroup>
                <col className="col-article" />
                <col />
                <col className="col-number" />
                <col className="col-number" />
                <col className="col-difference" />
                <col className="col-status" />
                <col className="col-trend" />
                <col className="col-forecast" />
                <col className="col-source" />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">Art.</th>
                  <th scope="col">Afspraak</th>
                  <th scope="col" className="num">
                    Realisatie t/m {short}
                  </th>
                  <th scope="col" className="num">
                    Norm t/m {short}
                  </th>
                  <th scope="col" className="num">
                    Verschil
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">Verloop {month.slice(0, 4)}</th>
                  <th scope="col">Prognose jaareinde</th>
                  <th scope="col">Bron van de norm</th>
                </tr>
              </thead>
              <tbody>
                {group.agreements.map((agreement) => (
                  <AgreementRows
                    key={agreement.indicator.code}
                    dvo={dvo}
                    month={month}
                    agreement={agreement}
                    series={series}
                    onRowClick={onRowClick}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
});

function AgreementRows({
  dvo,
  month,
  agreement,
  series,
  onRowClick,
}: {
  dvo: string;
  month: string;
  agreement: AgreementRow;
  series: readonly (StatusResponse | undefined)[];
  onRowClick: (event: MouseEvent<HTMLTableRowElement>, to: string) => void;
}) {
  const { indicator, total, segments } = agreement;
  const rows = [total, ...segments];
  return (
    <>
      {rows.map((row) => {
        const to = detailPath(dvo, indicator.code, month, row.segment);
        const isSegment = row.segment !== null;
        return (
          <tr
            key={row.segment ?? '(totaal)'}
            className={isSegment ? 'segment-row clickable-row' : 'clickable-row'}
            onClick={(e) => onRowClick(e, to)}
          >
            <td>{isSegment ? '' : indicator.article}</td>
            <th scope="row">
              {isSegment ? (
                <Link to={to} className="segment-name">
                  <span className="visually-hidden">{indicator.name}, </span>
                  {formatSegment(row.segment)}
                </Link>
              ) : (
                <Link to={to}>{indicator.name}</Link>
              )}
            </th>
            <RealisationCells row={row} to={to} />
            <td className="status-cell">
              <StatusBadge status={row.status} />
              {row.missingPeriods.length > 0 && (
                <span className="missing">ontbreekt: {row.missingPeriods.map(formatPeriodLabel).join(', ')}</span>
              )}
            </td>
            <td>
              {row.kind === 'qualitative' || row.kind === 'milestone' ? (
                <span className="muted">–</span>
              ) : (
                <Sparkline points={monthSeries(series, row.indicator, row.segment)} unit={row.unit} />
              )}
            </td>
            <td>
              {row.forecast !== undefined ? (
                <>
                  <Link to={to} tabIndex={-1} className="number-link">
                    {formatValue(row.forecast, row.unit)}
                  </Link>{' '}
                  {row.forecastStatus && <StatusBadge status={row.forecastStatus} />}
                </>
              ) : (
                <span className="muted">–</span>
              )}
            </td>
            <td>{isSegment ? <span className="muted">als totaal</span> : <NormSource norm={row.norm} />}</td>
          </tr>
        );
      })}
    </>
  );
}

/** Realisation, norm and difference; for qualitative agreements and milestones their narrative. */
function RealisationCells({ row, to }: { row: StatusRow; to: string }) {
  if (row.kind === 'qualitative' || row.kind === 'milestone') {
    const done = row.completedOn ? `Gereed op ${formatDate(row.completedOn)}. ` : '';
    const deadline = row.kind === 'milestone' ? `Norm: ${normToDateText(row)}. ` : '';
    const text = `${done}${deadline}${row.narrative ?? ''}`.trim();
    return (
      <td colSpan={3} className="narrative">
        {text || <span className="muted">Nog geen toelichting.</span>}
      </td>
    );
  }
  const difference = differenceOf(row);
  return (
    <>
      <td className="num">
        {row.actual === null ? (
          <span className="muted">–</span>
        ) : (
          <Link to={to} tabIndex={-1} className="number-link">
            {formatValue(row.actual, row.unit)}
          </Link>
        )}
      </td>
      <td className="num">{normToDateText(row)}</td>
      <td className="num">
        {difference === null ? (
          <span className="muted">–</span>
        ) : difference.inside ? (
          <span className="inside">binnen de bandbreedte</span>
        ) : (
          formatDifference(difference.value, row.unit)
        )}
      </td>
    </>
  );
}
