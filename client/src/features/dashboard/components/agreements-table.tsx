import { type MouseEvent, memo, useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
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

type Series = readonly (StatusResponse | undefined)[];

interface Shown {
  group: ChapterGroup;
  series: Series;
}

/**
 * What each chapter shows: the first chapter at once, then one more chapter per task catches up
 * with `groups` and `series`. Drawing a long month list (or its sparklines) in one go kept the page
 * busy for several hundred milliseconds on a slow laptop; chapter by chapter the page answers in
 * between. Returns the chapters to draw and whether some still lag behind.
 */
/** The first chapter whose drawing lags behind `groups` and `series`, or -1. */
function firstBehind(shown: readonly Shown[], groups: ChapterGroup[], series: Series): number {
  return groups.findIndex((group, i) => shown[i]?.group !== group || shown[i]?.series !== series);
}

function useChaptersInTurn(groups: ChapterGroup[], series: Series): { chapters: Shown[]; catchingUp: boolean } {
  const [shown, setShown] = useState<Shown[]>([]);
  const catchingUp = firstBehind(shown, groups, series) !== -1 || shown.length > groups.length;
  // biome-ignore lint/correctness/useExhaustiveDependencies: one step per change of `shown`, until caught up
  useEffect(() => {
    if (!catchingUp) return;
    const timer = setTimeout(() =>
      setShown((current) => {
        const updated = current.slice(0, groups.length);
        const i = firstBehind(updated, groups, series);
        if (i !== -1) updated[i] = { group: groups[i] as ChapterGroup, series };
        return updated;
      }),
    );
    return () => clearTimeout(timer);
  }, [catchingUp, shown, groups, series]);
  const first = groups[0];
  const chapters = shown.length === 0 && first ? [{ group: first, series }] : shown.slice(0, groups.length);
  return { chapters, catchingUp };
}

interface TableProps {
  dvo: string;
  month: string;
  groups: ChapterGroup[];
  /** The evaluation at months 1..P, for the sparklines (index 0 = January). */
  series: Series;
  /** Told whether chapters are still being drawn. */
  onCatchingUp?: (catchingUp: boolean) => void;
}

/** Every agreement per chapter: one table per chapter, one row per agreement (and judged segment). */
export function AgreementsTables({ dvo, month, groups, series, onCatchingUp }: TableProps) {
  const navigate = useNavigate();
  const { chapters, catchingUp } = useChaptersInTurn(groups, series);
  useEffect(() => onCatchingUp?.(catchingUp), [catchingUp, onCatchingUp]);
  // One click handler for all tables. The links are plain anchors (a few hundred router Links cost
  // more to render than the rest of the table) that navigate within the app; modified clicks keep
  // the browser's meaning (new tab). A click elsewhere on a row opens its detail too (keyboard users
  // have the link on the name).
  const onClick = useCallback(
    (event: MouseEvent<HTMLElement>) => {
      const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
      if (event.defaultPrevented || event.button !== 0 || modified) return;
      const target = event.target as HTMLElement;
      const link = target.closest('a');
      if (link) {
        if (link.origin !== window.location.origin || link.target) return;
        event.preventDefault();
        navigate(`${link.pathname}${link.search}`);
        return;
      }
      if (target.closest('button, input, select, summary') || window.getSelection()?.toString()) return;
      const href = target.closest<HTMLElement>('tr[data-href]')?.dataset.href;
      if (href) navigate(href);
    },
    [navigate],
  );
  return (
    <>
      {chapters.map(({ group, series }) => (
        <ChapterTable key={group.chapter} dvo={dvo} month={month} group={group} series={series} onClick={onClick} />
      ))}
    </>
  );
}

const ChapterTable = memo(function ChapterTable({
  dvo,
  month,
  group,
  series,
  onClick,
}: {
  dvo: string;
  month: string;
  group: ChapterGroup;
  series: Series;
  onClick: (event: MouseEvent<HTMLElement>) => void;
}) {
  const short = formatPeriodShort(month);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: delegates the clicks of its links (which the keyboard activates) and rows
    <section aria-labelledby={chapterId(group.chapter)} className="card chapter" onClick={onClick}>
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
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
});

function AgreementRows({
  dvo,
  month,
  agreement,
  series,
}: {
  dvo: string;
  month: string;
  agreement: AgreementRow;
  series: Series;
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
            data-href={to}
          >
            <td>{isSegment ? '' : indicator.article}</td>
            <th scope="row">
              {isSegment ? (
                <a href={to} className="segment-name">
                  <span className="visually-hidden">{indicator.name}, </span>
                  {formatSegment(row.segment)}
                </a>
              ) : (
                <a href={to}>{indicator.name}</a>
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
                  <a href={to} tabIndex={-1} className="number-link">
                    {formatValue(row.forecast, row.unit)}
                  </a>{' '}
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
          <a href={to} tabIndex={-1} className="number-link">
            {formatValue(row.actual, row.unit)}
          </a>
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
