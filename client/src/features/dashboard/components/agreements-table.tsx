import { type MouseEvent, memo, type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { DeviationRow } from '../../../../../shared/contracts/deviations.ts';
import type { MonthPoint, StatusRow } from '../../../../../shared/contracts/status.ts';
import {
  deviationMeaning,
  formatDate,
  formatDifference,
  formatForecast,
  formatPeriodLabel,
  formatPeriodShort,
  formatSegment,
  formatValue,
  splitArticle,
} from '../../../../../shared/domain/format-nl.ts';
import { StatusBadge } from '../../../components/ui/status-badge.tsx';
import { type AgreementRow, type ChapterGroup, differenceOf } from '../chart-data/month-overview.ts';
import { detailPath, threadKey } from '../links.ts';
import { NormSource, normToDateText } from './norm-text.tsx';
import { Sparkline } from './sparkline.tsx';
import { ThreadLink } from './thread-summary.tsx';

function chapterId(chapter: string): string {
  return `hoofdstuk-${chapter
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

const NO_POINTS: MonthPoint[] = [];

/** Each row's course by seriesKey; null while it loads. */
type Series = ReadonlyMap<string, MonthPoint[]> | null;

/** The month's deviation threads by threadKey; null while they load. */
type Threads = ReadonlyMap<string, DeviationRow> | null;

/** The rows (seriesKey) with a figure changed after vaststelling (components/lock-changes.tsx). */
type Changed = ReadonlySet<string>;

const NOTHING_CHANGED: Changed = new Set();

export function seriesKey(indicator: string, segment: string | null): string {
  return `${indicator}|${segment ?? ''}`;
}

/** A run of at most SLICE_SIZE agreements of one chapter: the unit the tables are drawn in. */
interface Slice {
  group: ChapterGroup;
  agreements: AgreementRow[];
}

/**
 * Agreements drawn per task. A few rows take a few milliseconds even on a slow laptop, so the page
 * keeps answering while a long month list is drawn; a whole chapter (Groeien has 15 agreements with
 * segments) kept it busy for tens of milliseconds at a time.
 */
const SLICE_SIZE = 5;

function slicesOf(groups: ChapterGroup[]): Slice[] {
  return groups.flatMap((group) =>
    Array.from({ length: Math.ceil(group.agreements.length / SLICE_SIZE) }, (_, k) => ({
      group,
      agreements: group.agreements.slice(k * SLICE_SIZE, (k + 1) * SLICE_SIZE),
    })),
  );
}

interface Shown {
  slice: Slice;
  series: Series;
}

/** The first slice whose drawing lags behind `slices` and `series`, or -1. */
function firstBehind(shown: readonly Shown[], slices: Slice[], series: Series): number {
  return slices.findIndex((slice, i) => shown[i]?.slice !== slice || shown[i]?.series !== series);
}

/**
 * What is drawn: one more slice per task catches up with `slices` and `series` (the month arriving,
 * new filters, the course for the sparklines arriving), starting in the task after the data came in,
 * so that task only draws the page around the tables. Returns the slices to draw and whether some
 * still lag behind.
 */
function useSlicesInTurn(slices: Slice[], series: Series): { drawn: Shown[]; catchingUp: boolean } {
  const [shown, setShown] = useState<Shown[]>([]);
  const catchingUp = firstBehind(shown, slices, series) !== -1 || shown.length > slices.length;
  // biome-ignore lint/correctness/useExhaustiveDependencies: one step per change of `shown`, until caught up
  useEffect(() => {
    if (!catchingUp) return;
    const timer = setTimeout(() =>
      setShown((current) => {
        const updated = current.slice(0, slices.length);
        const i = firstBehind(updated, slices, series);
        if (i !== -1) updated[i] = { slice: slices[i] as Slice, series };
        return updated;
      }),
    );
    return () => clearTimeout(timer);
  }, [catchingUp, shown, slices, series]);
  return { drawn: shown.slice(0, slices.length), catchingUp };
}

/** The drawn slices per chapter, in order. */
function byChapter(drawn: Shown[]): { group: ChapterGroup; parts: Shown[] }[] {
  const chapters: { group: ChapterGroup; parts: Shown[] }[] = [];
  for (const part of drawn) {
    const last = chapters.at(-1);
    if (last?.group.chapter === part.slice.group.chapter) last.parts.push(part);
    else chapters.push({ group: part.slice.group, parts: [part] });
  }
  return chapters;
}

interface TableProps {
  dvo: string;
  month: string;
  groups: ChapterGroup[];
  /** Each row's course for the sparklines (seriesKey); null while it loads. */
  series: Series;
  /** The deviation threads of the month (threadKey); null while they load. */
  threads?: Threads;
  /** Told whether rows are still being drawn. */
  onCatchingUp?: (catchingUp: boolean) => void;
  /** The rows (seriesKey) whose figures changed after vaststelling: marked as such. */
  changed?: Changed;
}

/** Every agreement per chapter: one table per chapter, one row per agreement (and judged segment). */
export function AgreementsTables({
  dvo,
  month,
  groups,
  series,
  threads = null,
  onCatchingUp,
  changed = NOTHING_CHANGED,
}: TableProps) {
  const navigate = useNavigate();
  const slices = useMemo(() => slicesOf(groups), [groups]);
  const { drawn, catchingUp } = useSlicesInTurn(slices, series);
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
      {byChapter(drawn).map(({ group, parts }) => (
        <ChapterTable key={group.chapter} chapter={group.chapter} month={month} onClick={onClick}>
          {parts.map(({ slice, series }) => (
            <SliceRows
              // a slice is a run of its chapter's rows: its first agreement names it
              key={slice.agreements[0]?.indicator.code}
              dvo={dvo}
              month={month}
              slice={slice}
              series={series}
              threads={threads}
              changed={changed}
            />
          ))}
        </ChapterTable>
      ))}
    </>
  );
}

function ChapterTable({
  chapter,
  month,
  onClick,
  children,
}: {
  chapter: string;
  month: string;
  onClick: (event: MouseEvent<HTMLElement>) => void;
  children: ReactNode;
}) {
  const short = formatPeriodShort(month);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: delegates the clicks of its links (which the keyboard activates) and rows
    <section aria-labelledby={chapterId(chapter)} className="card chapter" onClick={onClick}>
      <h2 id={chapterId(chapter)}>{chapter}</h2>
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
          {children}
        </table>
      </div>
    </section>
  );
}

/** One slice of a chapter's rows as a table body; drawn again only when its rows or months change. */
const SliceRows = memo(function SliceRows({
  dvo,
  month,
  slice,
  series,
  threads,
  changed,
}: {
  dvo: string;
  month: string;
  slice: Slice;
  series: Series;
  threads: Threads;
  changed: Changed;
}) {
  return (
    <tbody>
      {slice.agreements.map((agreement) => (
        <AgreementRows
          key={agreement.indicator.code}
          dvo={dvo}
          month={month}
          agreement={agreement}
          series={series}
          threads={threads}
          changed={changed}
        />
      ))}
    </tbody>
  );
});

function AgreementRows({
  dvo,
  month,
  agreement,
  series,
  threads,
  changed,
}: {
  dvo: string;
  month: string;
  agreement: AgreementRow;
  series: Series;
  threads: Threads;
  changed: Changed;
}) {
  const { indicator, total, segments } = agreement;
  return (
    <>
      {[total, ...segments].map((row) => (
        <AgreementTableRow
          key={row.segment ?? '(totaal)'}
          dvo={dvo}
          month={month}
          indicator={indicator}
          row={row}
          series={series}
          thread={threads?.get(threadKey(row))}
          changedAfterLock={changed.has(seriesKey(row.indicator, row.segment))}
        />
      ))}
    </>
  );
}

/**
 * One agreement (or judged segment) as a table row. The cells around the sparkline depend on the
 * month's own row only and are made once: when the other months arrive, only the sparkline is drawn.
 */
const AgreementTableRow = memo(function AgreementTableRow({
  dvo,
  month,
  indicator,
  row,
  series,
  thread,
  changedAfterLock,
}: {
  dvo: string;
  month: string;
  indicator: AgreementRow['indicator'];
  row: StatusRow;
  series: Series;
  /** The deviation thread of this row, when it is a deviation and the month's threads are in. */
  thread: DeviationRow | undefined;
  /** A figure of this row changed after its period was vastgesteld (the panel above says how). */
  changedAfterLock: boolean;
}) {
  const to = detailPath(dvo, indicator.code, month, row.segment);
  const isSegment = row.segment !== null;
  const leading = useMemo(() => {
    const article = splitArticle(indicator.article);
    // the words of a section ("Bijlage 3") under the name, unless the name says them already
    const articleWords =
      article.words && !indicator.name.toLowerCase().includes(article.words.toLowerCase()) ? article.words : '';
    return (
      <>
        <td>{isSegment ? '' : article.number || <span className="muted">–</span>}</td>
        <th scope="row">
          {isSegment ? (
            <a href={to} className="segment-name">
              <span className="visually-hidden">{indicator.name}, </span>
              {formatSegment(row.segment)}
            </a>
          ) : (
            <>
              <a href={to}>{indicator.name}</a>
              {articleWords && <span className="article-words">{articleWords}</span>}
            </>
          )}
        </th>
        <RealisationCells row={row} to={to} />
        <td className="status-cell">
          <StatusBadge status={row.status} />
          {changedAfterLock && <span className="lock-change-tag">gewijzigd na vaststelling</span>}
          {deviationMeaning(row) && <span className="capacity-note">{deviationMeaning(row)}</span>}
          {row.missingPeriods.length > 0 && (
            <span className="missing">ontbreekt: {row.missingPeriods.map(formatPeriodLabel).join(', ')}</span>
          )}
          <ThreadLink
            dvo={dvo}
            period={month}
            thread={thread}
            name={isSegment ? `${indicator.name}, ${formatSegment(row.segment)}` : indicator.name}
          />
        </td>
      </>
    );
  }, [isSegment, indicator, to, row, dvo, month, thread, changedAfterLock]);
  const trailing = useMemo(
    () => (
      <>
        <td>
          {row.forecast !== undefined ? (
            <>
              <a href={to} tabIndex={-1} className="number-link">
                {formatForecast(row.forecast, row.unit)}
              </a>{' '}
              {row.forecastStatus && <StatusBadge status={row.forecastStatus} />}
            </>
          ) : (
            <span className="muted">–</span>
          )}
        </td>
        <td>{isSegment ? <span className="muted">als totaal</span> : <NormSource norm={row.norm} />}</td>
      </>
    ),
    [isSegment, to, row],
  );
  return (
    <tr className={isSegment ? 'segment-row clickable-row' : 'clickable-row'} data-href={to}>
      {leading}
      <td>
        {row.kind === 'qualitative' || row.kind === 'milestone' ? (
          <span className="muted">–</span>
        ) : series === null ? (
          // the course is still loading (the line above the tables says so): hold the place
          <span className="sparkline-placeholder" />
        ) : (
          <Sparkline points={series.get(seriesKey(row.indicator, row.segment)) ?? NO_POINTS} unit={row.unit} />
        )}
      </td>
      {trailing}
    </tr>
  );
});

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
