import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { type ReactNode, useDeferredValue, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import type { Indicator } from '../../../../shared/contracts/catalogue.ts';
import type { DeviationRow } from '../../../../shared/contracts/deviations.ts';
import type { FigureHistory } from '../../../../shared/contracts/figures.ts';
import type { StatusResponse, StatusRow, StatusSeriesResponse } from '../../../../shared/contracts/status.ts';
import {
  articleLabel,
  capitalise,
  formatDate,
  formatDifference,
  formatForecast,
  formatNumber,
  formatPeriodLabel,
  formatPeriodShort,
  formatSegment,
  formatValue,
} from '../../../../shared/domain/format-nl.ts';
import { countDeviations, deviationCountText, selectDeviations } from '../../../../shared/domain/statuses.ts';
import { WERKLADDER } from '../../../../shared/domain/werkladder.ts';
import { LockChanges } from '../../components/lock-changes.tsx';
import { PeriodLock } from '../../components/period-lock.tsx';
import { isOutsideDvoYear, isUnknownDvo, OutsideDvoYear, UnknownDvo } from '../../components/ui/outside-dvo-year.tsx';
import { PanelBoundary } from '../../components/ui/panel-boundary.tsx';
import { PanelState } from '../../components/ui/panel-state.tsx';
import { STATUS_LABEL, StatusBadge } from '../../components/ui/status-badge.tsx';
import { dvosQuery, lockChangesQuery, locksQuery } from '../../lib/dvo-queries.ts';
import { lastMonthOfQuarter, monthsOfQuarter, parseMonth, parseQuarter } from '../../lib/period-nav.ts';
import { useCourse, useDeviations, useFigures, useIndicators, useStatus } from './api.ts';
import { comparePeriods, valuesByPeriod } from './chart-data/figures.ts';
import { differenceOf } from './chart-data/month-overview.ts';
import { bandPosition, ratioByPeriod } from './chart-data/quarter.ts';
import { coursePoints, normPathData } from './chart-data/series.ts';
import { balanceCheck, distributionByQuarter, movementMatrix } from './chart-data/werkladder.ts';
import { seriesKey } from './components/agreements-table.tsx';
import { ChartFigure } from './components/chart-figure.tsx';
import { BarsChart, NormPathChart, ReferenceChart } from './components/charts/lazy.ts';
import { NormSource, normToDateText } from './components/norm-text.tsx';
import { ThreadLink, ThreadSummary } from './components/thread-summary.tsx';
import { detailPath, threadKey } from './links.ts';

// The catalogue codes this screen has a dedicated view for (domain.md); a DVO without them gets an
// empty state in that panel.
const VERZUIM = 'wsw_verzuim';
const BESCHUT = 'beschut_dienstverbanden';

/**
 * Kwartaaloverleg: deviations first with their chart and toelichting, then the werkladder, verzuim,
 * beschut werk and the qualitative agreements, evaluated at the quarter's last month. Prints on A4.
 * URL: /dvo/:dvo/kwartaal/:quarter (YYYY-Qn).
 */
export default function QuarterPage() {
  const { dvo = '', quarter = '' } = useParams();
  const month = lastMonthOfQuarter(quarter) ?? '';
  const year = parseQuarter(quarter)?.year ?? 0;
  const indicators = useIndicators(dvo);
  const status = useStatus(dvo, month);
  const course = useCourse(dvo, month);
  const figures = useFigures(dvo, { from: `${year}-01`, to: month });
  const deviations = useDeviations(dvo, month ? quarter : '');
  const locks = useQuery(locksQuery(dvo));
  // the page header's list, already in: the lead can name the DVO (on paper there is no header) at once
  const dvoName = useQuery(dvosQuery).data?.dvos.find((d) => d.slug === dvo)?.name;
  const threads = useMemo(
    () => (deviations.data ? new Map(deviations.data.rows.map((r) => [threadKey(r), r])) : undefined),
    [deviations.data],
  );
  // the same request as the "gewijzigd na vaststelling" panel: each changed deviation is marked too
  const lockChanges = useQuery({ ...lockChangesQuery(dvo, { period: quarter }), enabled: month !== '' });
  const changed = useMemo(
    () =>
      new Set(
        (lockChanges.data?.periods ?? []).flatMap((p) => p.changes.map((c) => seriesKey(c.indicator, c.rowSegment))),
      ),
    [lockChanges.data],
  );
  const byCode = useMemo(() => new Map((indicators.data?.indicators ?? []).map((i) => [i.code, i])), [indicators.data]);
  const loaded = ![indicators, status, course, figures, deviations, locks, lockChanges].some((q) => q.isLoading);
  // drawn as a transition, which React renders in slices of a few milliseconds instead of one long
  // task (a phone's main thread stays free for input while the whole overleg is drawn)
  const shown = useDeferredValue(loaded);

  if (!month) return <p className="message">Dit kwartaal bestaat niet. Kies een kwartaal als 2024-Q2.</p>;
  if (isUnknownDvo(indicators.error) || isUnknownDvo(status.error)) return <UnknownDvo dvo={dvo} />;
  const title = <h1>Kwartaaloverleg {formatPeriodLabel(quarter)}</h1>;
  // shown while the overleg loads too: it needs none of the overleg's requests
  const lead = (
    <p className="lead">
      {dvoName ? `${dvoName}. ` : ''}Stand eind {formatPeriodLabel(month)}: eerst de afwijkingen met hun toelichting,
      dan de werkladder, het verzuim, beschut werk en de kwalitatieve afspraken.
    </p>
  );
  if (isOutsideDvoYear(status.error)) {
    return (
      <>
        {title}
        <OutsideDvoYear dvo={dvo} period={quarter} unit="quarter" />
      </>
    );
  }
  // One loading state until every request is answered (or has failed), then the whole overleg at
  // once: panels appearing one by one as their requests land pushed what was already read down the
  // page (and drew the page once per answer).
  if (!loaded || !shown) {
    return (
      <>
        {title}
        {lead}
        <p className="message message-loading" role="status">
          Bezig met laden van het kwartaaloverleg…
        </p>
      </>
    );
  }

  return (
    <>
      {title}
      {lead}
      <p className="no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          Afdrukken (A4)
        </button>{' '}
        <Link to={`/dvo/${encodeURIComponent(dvo)}/maand/${month}`}>
          Naar het maandoverzicht {formatPeriodLabel(month)}
        </Link>
      </p>
      <PanelBoundary label="de vaststelling">
        <PeriodLock dvo={dvo} period={quarter} actions />
        <LockChanges dvo={dvo} period={quarter} />
      </PanelBoundary>

      <QuarterPanel id="afwijkingen" title="Afwijkingen" label="de afwijkingen" query={status} plain>
        {(data) => (
          <Deviations
            dvo={dvo}
            month={month}
            quarter={quarter}
            rows={selectDeviations(data.rows)}
            byCode={byCode}
            course={course.data}
            figures={figures.data?.figures}
            figuresFailed={figures.isError}
            threads={threads}
            threadsFailed={deviations.isError}
            changed={changed}
          />
        )}
      </QuarterPanel>

      <QuarterPanel id="werkladder" title="Werkladder (Cedris)" label="de werkladder" query={figures}>
        {(data) => (
          <Werkladder
            dvo={dvo}
            quarter={quarter}
            figures={data.figures}
            verdeling={byCode.get(WERKLADDER.distribution)}
            bewegingen={byCode.get(WERKLADDER.movements)}
          />
        )}
      </QuarterPanel>

      <QuarterPanel id="verzuim" title="Verzuim Wsw" label="het verzuim" query={figures}>
        {(data) => <Verzuim dvo={dvo} month={month} figures={data.figures} indicator={byCode.get(VERZUIM)} />}
      </QuarterPanel>

      <QuarterPanel id="beschut" title="Beschut werk" label="beschut werk" query={figures}>
        {(data) => <Beschut dvo={dvo} month={month} figures={data.figures} indicator={byCode.get(BESCHUT)} />}
      </QuarterPanel>

      <QuarterPanel
        id="kwalitatief"
        title="Kwalitatieve afspraken en mijlpalen"
        label="de kwalitatieve afspraken"
        query={status}
      >
        {(data) => <Qualitative dvo={dvo} month={month} data={data} byCode={byCode} />}
      </QuarterPanel>
    </>
  );
}

function Deviations({
  dvo,
  month,
  quarter,
  rows,
  byCode,
  course,
  figures,
  figuresFailed,
  threads,
  threadsFailed,
  changed,
}: {
  dvo: string;
  month: string;
  quarter: string;
  rows: StatusRow[];
  byCode: Map<string, Indicator>;
  course: StatusSeriesResponse | undefined;
  figures: FigureHistory[] | undefined;
  figuresFailed: boolean;
  threads: Map<string, DeviationRow> | undefined;
  threadsFailed: boolean;
  /** The rows (seriesKey) with a figure changed after vaststelling. */
  changed: ReadonlySet<string>;
}) {
  if (rows.length === 0) {
    return (
      <p className="message">
        Geen afwijkingen: alle afspraken zijn op koers, worden gevolgd of zijn nog niet aan de orde.
      </p>
    );
  }
  const count = countDeviations(rows);
  const counts = count.byStatus;
  // the quarter's figures with a comment, per indicator, in one pass over the year's figures (not
  // one pass per deviation)
  const commented = commentsByIndicator(figures ?? [], new Set([quarter, ...monthsOfQuarter(quarter)]));
  const upto = parseMonth(month)?.month ?? 12;
  const anchor = (row: StatusRow) => `afwijking-${row.indicator}-${row.segment ?? 'totaal'}`;
  return (
    <>
      <p className="deviation-count">
        {deviationCountText(count).replace(/^./, (c) => c.toUpperCase())}: {counts.off_track} met een afwijking,{' '}
        {counts.attention} die aandacht vragen en {counts.no_data} zonder (volledige) gegevens, eind{' '}
        {formatPeriodLabel(month)}.
      </p>
      <div className="table-scroll card">
        <table className="data-table">
          <caption className="visually-hidden">Overzicht van de afwijkingen</caption>
          <thead>
            <tr>
              <th scope="col">Afspraak</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Realisatie t/m {formatPeriodShort(month)}
              </th>
              <th scope="col" className="num">
                Norm t/m {formatPeriodShort(month)}
              </th>
              <th scope="col" className="num">
                Verschil
              </th>
              <th scope="col">Toelichting en maatregel</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const d = differenceOf(row);
              const indicator = byCode.get(row.indicator);
              const name = `${indicator?.name ?? row.indicator}${row.segment ? `, ${formatSegment(row.segment)}` : ''}`;
              return (
                <tr key={anchor(row)}>
                  <th scope="row">
                    <a href={`#${anchor(row)}`}>
                      {indicator?.name ?? row.indicator}
                      {row.segment ? ` – ${formatSegment(row.segment)}` : ''}
                    </a>
                  </th>
                  <td className="status-cell">
                    <StatusBadge status={row.status} />
                    {changed.has(seriesKey(row.indicator, row.segment)) && (
                      <span className="lock-change-tag">gewijzigd na vaststelling</span>
                    )}
                  </td>
                  <td className="num">
                    {row.actual === null ? (
                      '–'
                    ) : (
                      <Link
                        to={detailPath(dvo, row.indicator, month, row.segment)}
                        tabIndex={-1}
                        className="number-link"
                      >
                        {formatValue(row.actual, row.unit)}
                      </Link>
                    )}
                  </td>
                  <td className="num">{normToDateText(row)}</td>
                  <td className="num">{d && !d.inside ? formatDifference(d.value, row.unit) : '–'}</td>
                  <td>
                    {threadsFailed ? (
                      <span className="muted">niet geladen</span>
                    ) : (
                      <ThreadLink dvo={dvo} period={quarter} thread={threads?.get(threadKey(row))} name={name} />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ol className="deviation-list">
        {rows.map((row) => {
          const indicator = byCode.get(row.indicator);
          const name = `${indicator?.name ?? row.indicator}${row.segment ? ` – ${formatSegment(row.segment)}` : ''}`;
          const headingId = anchor(row);
          const points = coursePoints(course, row.indicator, row.segment);
          const hasValues = points.some((p) => p.actual !== null);
          const cumulative = row.kind === 'flow';
          const comments = (commented.get(row.indicator) ?? []).filter(
            (c) => row.segment === null || c.segment === row.segment || c.segment === null,
          );
          const difference = differenceOf(row);
          return (
            <li key={headingId} className="card deviation" id={headingId} tabIndex={-1}>
              <div className="deviation-head">
                <h3>
                  <Link to={detailPath(dvo, row.indicator, month, row.segment)}>{name}</Link>
                </h3>
                <StatusBadge status={row.status} />
                {changed.has(seriesKey(row.indicator, row.segment)) && (
                  <span className="lock-change-tag">gewijzigd na vaststelling</span>
                )}
              </div>
              <p className="deviation-figures">
                {indicator && <span>{capitalise(articleLabel(indicator.article))}. </span>}
                Realisatie t/m {formatPeriodShort(month)}: <strong>{formatValue(row.actual, row.unit)}</strong>; norm
                t/m {formatPeriodShort(month)}: {normToDateText(row)}
                {difference && !difference.inside && <>; verschil {formatDifference(difference.value, row.unit)}</>}
                {row.forecast !== undefined && (
                  <>
                    ; prognose jaareinde {formatForecast(row.forecast, row.unit)}
                    {row.forecastStatus && <> ({STATUS_LABEL[row.forecastStatus]})</>}
                  </>
                )}
                . <NormSource norm={row.norm} />
              </p>
              {row.missingPeriods.length > 0 && (
                <p className="missing">Ontbreekt: {row.missingPeriods.map(formatPeriodLabel).join(', ')}.</p>
              )}
              <div className="deviation-body">
                {hasValues ? (
                  <ChartFigure
                    title={`${cumulative ? 'Opgeteld' : 'Per maand'} tegen de norm`}
                    chart={
                      <NormPathChart
                        data={normPathData(points, row.norm.kind, upto)}
                        unit={row.unit}
                        month={upto}
                        actualLabel={cumulative ? 'realisatie (opgeteld)' : 'realisatie'}
                        expectedLabel={cumulative ? 'normpad' : 'norm'}
                      />
                    }
                    table={
                      <table className="data-table">
                        <thead>
                          <tr>
                            <th scope="col">Maand</th>
                            <th scope="col" className="num">
                              Realisatie
                            </th>
                            <th scope="col" className="num">
                              Norm
                            </th>
                            <th scope="col">Status</th>
                          </tr>
                        </thead>
                        <tbody>
                          {points
                            .filter((p) => p.month <= upto)
                            .map((p) => (
                              <tr key={p.month}>
                                <th scope="row">
                                  {formatPeriodLabel(`${month.slice(0, 4)}-${String(p.month).padStart(2, '0')}`)}
                                </th>
                                <td className="num">{formatValue(p.actual, row.unit)}</td>
                                <td className="num">{formatValue(p.expected, row.unit)}</td>
                                <td>{p.status ? <StatusBadge status={p.status} /> : '–'}</td>
                              </tr>
                            ))}
                        </tbody>
                      </table>
                    }
                  />
                ) : (
                  <p className={row.kind === 'qualitative' ? undefined : 'muted'}>
                    {row.kind === 'qualitative'
                      ? `Status met de hand gezet. ${row.narrative ?? 'Nog geen toelichting.'}`
                      : `Geen grafiek: ${row.missingPeriods.length > 0 ? 'er ontbreken cijfers' : 'er zijn nog geen cijfers'}.`}
                  </p>
                )}
                <div className="explanation">
                  {threadsFailed ? (
                    <p className="muted">Toelichting en maatregel van deze afwijking konden niet worden geladen.</p>
                  ) : (
                    <ThreadSummary dvo={dvo} thread={threads?.get(threadKey(row))} />
                  )}
                  <h4>Opmerkingen bij de geleverde cijfers</h4>
                  {figuresFailed ? (
                    <p className="muted">De opmerkingen bij de cijfers konden niet worden geladen.</p>
                  ) : comments.length > 0 ? (
                    <ul>
                      {comments.map((c) => (
                        <li key={`${c.period}|${c.segment}`}>
                          <span className="muted">
                            {formatPeriodLabel(c.period)}
                            {c.segment ? `, ${formatSegment(c.segment)}` : ''}:
                          </span>{' '}
                          {c.comment}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="muted">Geen opmerkingen bij de geleverde cijfers van dit kwartaal.</p>
                  )}
                </div>
              </div>
            </li>
          );
        })}
      </ol>
    </>
  );
}

interface FigureComment {
  period: string;
  segment: string | null;
  comment: string;
}

function commentsByIndicator(figures: FigureHistory[], periods: Set<string>): Map<string, FigureComment[]> {
  const byIndicator = new Map<string, FigureComment[]>();
  for (const f of figures) {
    const comment = f.revisions[0]?.comment?.trim();
    if (!comment || !periods.has(f.period)) continue;
    const list = byIndicator.get(f.indicator) ?? [];
    list.push({ period: f.period, segment: f.segment, comment });
    byIndicator.set(f.indicator, list);
  }
  for (const list of byIndicator.values()) list.sort((a, b) => comparePeriods(a.period, b.period));
  return byIndicator;
}

function Werkladder({
  dvo,
  quarter,
  figures,
  verdeling,
  bewegingen,
}: {
  dvo: string;
  quarter: string;
  figures: FigureHistory[];
  verdeling: Indicator | undefined;
  bewegingen: Indicator | undefined;
}) {
  if (!verdeling) return <p className="message">Deze DVO heeft geen afspraak over de werkladder.</p>;
  const steps = verdeling.segments;
  const distribution = distributionByQuarter(valuesByPeriod(figures, verdeling.code, 'stock', null), steps).filter(
    (d) => comparePeriods(d.period, quarter) <= 0,
  );
  const current = distribution.find((d) => d.period === quarter);
  const previous = distribution.filter((d) => comparePeriods(d.period, quarter) < 0).at(-1);
  const moves = bewegingen
    ? valuesByPeriod(figures, bewegingen.code, 'flow', null).find((v) => v.period === quarter)
    : undefined;
  const matrix = movementMatrix(moves?.segments ?? {}, steps);
  const balance = balanceCheck(previous, current, matrix);
  const chartData = distribution.map((d) => ({ label: formatPeriodShort(d.period), ...d.steps }));
  return (
    <>
      <p>
        <Link to={detailPath(dvo, verdeling.code, lastMonthOfQuarter(quarter) ?? '')}>{verdeling.name}</Link> (
        {articleLabel(verdeling.article)})
        {bewegingen && (
          <>
            {' '}
            en de <Link to={detailPath(dvo, bewegingen.code, lastMonthOfQuarter(quarter) ?? '')}>bewegingen</Link>{' '}
            ertussen ({articleLabel(bewegingen.article)})
          </>
        )}
        . De treden volgen de landelijke Wsw-plaatsingen.
      </p>
      {distribution.length === 0 ? (
        <p className="message">Nog geen verdeling over de treden geleverd.</p>
      ) : (
        <ChartFigure
          title="Verdeling over de treden per kwartaal"
          chart={
            <BarsChart
              data={chartData}
              series={steps.map((s) => ({ key: s, label: formatSegment(s) }))}
              unit="aantal"
              stacked
            />
          }
          tableLabel="Tabel: verdeling per kwartaal"
          table={
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Kwartaal</th>
                  {steps.map((s) => (
                    <th key={s} scope="col" className="num">
                      {formatSegment(s)}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    Totaal
                  </th>
                </tr>
              </thead>
              <tbody>
                {distribution.map((d) => (
                  <tr key={d.period}>
                    <th scope="row">{formatPeriodLabel(d.period)}</th>
                    {steps.map((s) => (
                      <td key={s} className="num">
                        {formatValue(d.steps[s] ?? null, 'aantal')}
                      </td>
                    ))}
                    <td className="num">{formatNumber(d.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      )}

      <h3 id="bewegingen">Bewegingen in het {formatPeriodLabel(quarter)}</h3>
      {!bewegingen ? (
        <p className="message">Deze DVO legt geen bewegingen tussen de treden vast.</p>
      ) : !moves ? (
        <p className="message">Nog geen bewegingen geleverd voor het {formatPeriodLabel(quarter)}.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table data-table-compact matrix-table" aria-labelledby="bewegingen">
            <thead>
              <tr>
                <th scope="col">Van \ naar</th>
                {steps.map((s) => (
                  <th key={s} scope="col" className="num">
                    {formatSegment(s)}
                  </th>
                ))}
                <th scope="col" className="num">
                  Totaal uit
                </th>
              </tr>
            </thead>
            <tbody>
              {steps.map((from) => (
                <tr key={from}>
                  <th scope="row">{formatSegment(from)}</th>
                  {steps.map((to) => (
                    <td key={to} className={from === to ? 'num diagonal' : 'num'}>
                      {from === to ? (
                        <>
                          <span aria-hidden="true">–</span>
                          <span className="visually-hidden">niet van toepassing</span>
                        </>
                      ) : (
                        formatValue(matrix.cells[from]?.[to] ?? null, 'aantal')
                      )}
                    </td>
                  ))}
                  <td className="num">{formatNumber(matrix.outflow[from] ?? 0)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Totaal in</th>
                {steps.map((s) => (
                  <td key={s} className="num">
                    {formatNumber(matrix.inflow[s] ?? 0)}
                  </td>
                ))}
                <td className="num">{formatNumber(matrix.total)}</td>
              </tr>
            </tbody>
          </table>
        </div>
      )}

      <h3 id="balans">Sluit de verdeling aan op de bewegingen?</h3>
      {!previous || !current ? (
        <p className="message">
          Voor de controle zijn de verdeling van het vorige en van dit kwartaal nodig
          {!previous ? '; er is geen eerder kwartaal in dit DVO-jaar' : ''}.
        </p>
      ) : (
        <>
          <p>
            Vorig kwartaal + instroom − uitstroom hoort de stand van nu te geven. Een verschil zijn mensen die buiten de
            ladder in- of uitstroomden (zoals pensioen) of een fout in de levering.
          </p>
          <div className="table-scroll">
            <table className="data-table data-table-compact" aria-labelledby="balans">
              <thead>
                <tr>
                  <th scope="col">Trede</th>
                  <th scope="col" className="num">
                    Eind {formatPeriodLabel(previous.period)}
                  </th>
                  <th scope="col" className="num">
                    + in
                  </th>
                  <th scope="col" className="num">
                    − uit
                  </th>
                  <th scope="col" className="num">
                    = verwacht
                  </th>
                  <th scope="col" className="num">
                    Geleverd eind {formatPeriodLabel(quarter)}
                  </th>
                  <th scope="col" className="num">
                    Verschil
                  </th>
                </tr>
              </thead>
              <tbody>
                {balance.map((b) => (
                  <tr key={b.step}>
                    <th scope="row">{formatSegment(b.step)}</th>
                    <td className="num">{formatValue(b.previous, 'aantal')}</td>
                    <td className="num">{formatNumber(b.inflow)}</td>
                    <td className="num">{formatNumber(b.outflow)}</td>
                    <td className="num">{formatValue(b.expected, 'aantal')}</td>
                    <td className="num">{formatValue(b.current, 'aantal')}</td>
                    <td className="num">
                      {b.difference === null
                        ? '–'
                        : b.difference === 0
                          ? 'sluit'
                          : formatDifference(b.difference, 'aantal')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

function Verzuim({
  dvo,
  month,
  figures,
  indicator,
}: {
  dvo: string;
  month: string;
  figures: FigureHistory[];
  indicator: Indicator | undefined;
}) {
  if (!indicator) return <p className="message">Deze DVO heeft geen afspraak over verzuim.</p>;
  const points = ratioByPeriod(figures, indicator.code, null).filter((p) => comparePeriods(p.period, month) <= 0);
  const benchmark = indicator.norm.basis === 'period' && indicator.norm.kind !== 'range' ? indicator.norm.value : null;
  const benchmarkText = benchmark === null ? '' : `benchmark ${formatValue(benchmark, 'procent')}`;
  return (
    <>
      <p>
        <Link to={detailPath(dvo, indicator.code, month)}>{indicator.name}</Link> per maand: verzuimdagen gedeeld door
        contractdagen, tegen de {benchmarkText || 'norm'}. Bron:{' '}
        {indicator.source.reference.replace(/\s*\(voorlopige waarde\)\s*$/i, '')}
        {indicator.source.placeholder && <span className="badge badge-placeholder">voorlopige waarde</span>}
      </p>
      {points.length === 0 ? (
        <p className="message">Nog geen verzuimcijfers geleverd.</p>
      ) : (
        <ChartFigure
          title="Verzuimpercentage per maand tegen de benchmark"
          chart={
            <ReferenceChart
              data={points.map((p) => ({ label: formatPeriodShort(p.period), value: p.percent }))}
              unit="procent"
              valueLabel="verzuim"
              line={benchmark === null ? undefined : { value: benchmark, label: benchmarkText }}
            />
          }
          tableLabel="Tabel: verzuim per maand"
          table={
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Maand</th>
                  <th scope="col" className="num">
                    Verzuimdagen
                  </th>
                  <th scope="col" className="num">
                    Contractdagen
                  </th>
                  <th scope="col" className="num">
                    Verzuim
                  </th>
                  <th scope="col">Tegen de benchmark</th>
                </tr>
              </thead>
              <tbody>
                {points.map((p) => (
                  <tr key={p.period}>
                    <th scope="row">{formatPeriodLabel(p.period)}</th>
                    <td className="num">{formatNumber(p.numerator)}</td>
                    <td className="num">{formatNumber(p.denominator)}</td>
                    <td className="num">{formatValue(p.percent, 'procent')}</td>
                    <td>
                      {benchmark === null
                        ? '–'
                        : p.percent <= benchmark
                          ? 'onder of op de benchmark'
                          : `${formatDifference(p.percent - benchmark, 'procent')} boven de benchmark`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      )}
    </>
  );
}

function Beschut({
  dvo,
  month,
  figures,
  indicator,
}: {
  dvo: string;
  month: string;
  figures: FigureHistory[];
  indicator: Indicator | undefined;
}) {
  if (!indicator) return <p className="message">Deze DVO heeft geen afspraak over beschut werk.</p>;
  const values = valuesByPeriod(figures, indicator.code, indicator.kind, null).filter(
    (v) => comparePeriods(v.period, month) <= 0 && v.total !== null,
  );
  const band = indicator.norm.basis === 'period' && indicator.norm.kind === 'range' ? indicator.norm : null;
  const bandText = band ? `${formatNumber(band.min)} tot ${formatNumber(band.max)} plaatsen` : '';
  const position = { below: 'onder de bandbreedte', inside: 'binnen de bandbreedte', above: 'boven de bandbreedte' };
  return (
    <>
      <p>
        <Link to={detailPath(dvo, indicator.code, month)}>{indicator.name}</Link> aan het eind van elke maand
        {band ? `, tegen de afgesproken bandbreedte van ${bandText}` : ''} ({indicator.source.reference}).
      </p>
      {values.length === 0 ? (
        <p className="message">Nog geen cijfers over beschut werk geleverd.</p>
      ) : (
        <ChartFigure
          title={`Dienstverbanden beschut werk per maand${band ? ` tegen de bandbreedte ${formatNumber(band.min)}–${formatNumber(band.max)}` : ''}`}
          chart={
            <ReferenceChart
              data={values.map((v) => ({ label: formatPeriodShort(v.period), value: v.total }))}
              unit="aantal"
              valueLabel="dienstverbanden"
              band={band ? { min: band.min, max: band.max, label: `bandbreedte ${bandText}` } : undefined}
            />
          }
          tableLabel="Tabel: beschut werk per maand"
          table={
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Maand</th>
                  <th scope="col" className="num">
                    Dienstverbanden
                  </th>
                  <th scope="col">Tegen de bandbreedte</th>
                </tr>
              </thead>
              <tbody>
                {values.map((v) => (
                  <tr key={v.period}>
                    <th scope="row">{formatPeriodLabel(v.period)}</th>
                    <td className="num">{formatValue(v.total, 'aantal')}</td>
                    <td>{band && v.total !== null ? position[bandPosition(v.total, band.min, band.max)] : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      )}
    </>
  );
}

function Qualitative({
  dvo,
  month,
  data,
  byCode,
}: {
  dvo: string;
  month: string;
  data: StatusResponse;
  byCode: Map<string, Indicator>;
}) {
  const rows = data.rows.filter((r) => r.segment === null && (r.kind === 'qualitative' || r.kind === 'milestone'));
  if (rows.length === 0) return <p className="message">Deze DVO heeft geen kwalitatieve afspraken of mijlpalen.</p>;
  return (
    <>
      <p>De status van een kwalitatieve afspraak wordt elk kwartaal met de hand gezet, met een toelichting.</p>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Art.</th>
              <th scope="col">Afspraak</th>
              <th scope="col">Status</th>
              <th scope="col">Toelichting</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const indicator = byCode.get(row.indicator);
              return (
                <tr key={row.indicator}>
                  <td>{indicator?.article}</td>
                  <th scope="row">
                    <Link to={detailPath(dvo, row.indicator, month)}>{indicator?.name ?? row.indicator}</Link>
                    {row.kind === 'milestone' && <span className="source-note">mijlpaal, {normToDateText(row)}</span>}
                  </th>
                  <td>
                    <StatusBadge status={row.status} />
                  </td>
                  <td className="narrative">
                    {row.completedOn && `Gereed op ${formatDate(row.completedOn)}. `}
                    {row.narrative ?? <span className="muted">Nog geen toelichting.</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** One panel of the kwartaaloverleg: its own heading, loading/error/empty state and error boundary. */
function QuarterPanel<T>({
  id,
  title,
  label,
  query,
  plain = false,
  children,
}: {
  id: string;
  title: string;
  label: string;
  query: UseQueryResult<T>;
  /** without the card frame (the deviations, which hold cards of their own) */
  plain?: boolean;
  children: (data: T) => ReactNode;
}) {
  return (
    <PanelBoundary label={label}>
      <section aria-labelledby={id} className={plain ? 'quarter-section' : 'quarter-section card'}>
        <h2 id={id}>{title}</h2>
        <PanelState query={query} label={label}>
          {children}
        </PanelState>
      </section>
    </PanelBoundary>
  );
}
