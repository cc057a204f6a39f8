import { type FormEvent, useDeferredValue, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Indicator } from '../../../../shared/contracts/catalogue.ts';
import type { DeviationRow } from '../../../../shared/contracts/deviations.ts';
import type { StatusResponse, StatusRow, StatusSeriesResponse } from '../../../../shared/contracts/status.ts';
import {
  describeNorm,
  formatDate,
  formatDateTime,
  formatDifference,
  formatForecast,
  formatPeriodLabel,
  formatPeriodShort,
  formatSegment,
  formatValue,
  frequencyLabel,
} from '../../../../shared/domain/format-nl.ts';
import { isDeviation } from '../../../../shared/domain/statuses.ts';
import { LockChanges } from '../../components/lock-changes.tsx';
import { PeriodLock } from '../../components/period-lock.tsx';
import { isUnknownDvo, OutsideDvoYear, UnknownDvo } from '../../components/ui/outside-dvo-year.tsx';
import { PanelBoundary } from '../../components/ui/panel-boundary.tsx';
import { PanelState } from '../../components/ui/panel-state.tsx';
import { StatusBadge } from '../../components/ui/status-badge.tsx';
import { parseMonth } from '../../lib/period-nav.ts';
import { useSearchParamsAtOnce } from '../../lib/search-params.ts';
import { useCourse, useDeviations, useFigures, useIndicators, useStatus, useStatusSeries } from './api.ts';
import { asOfMoment, revisionLines, valuesByPeriod } from './chart-data/figures.ts';
import { differenceOf } from './chart-data/month-overview.ts';
import { coursePoints, findRow, normPathData } from './chart-data/series.ts';
import { AssessmentPanel } from './components/assessment-panel.tsx';
import { ChartFigure } from './components/chart-figure.tsx';
import { BarsChart, NormPathChart } from './components/charts/lazy.ts';
import { NormSource, normToDateText } from './components/norm-text.tsx';
import { PreviousYear } from './components/previous-year.tsx';
import { ThreadLink } from './components/thread-summary.tsx';
import { threadKey } from './links.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Indicator detail: realisation against the norm path with its margin, the figures per period and
 * segment, and every revision (who changed what, when, from which file); "zoals bekend op" shows
 * it all as it stood on a date. URL: /dvo/:dvo/indicator/:code?period=YYYY-MM&asOf=YYYY-MM-DD.
 */
export default function IndicatorPage() {
  const { dvo = '', code = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParamsAtOnce();
  const indicators = useIndicators(dvo);
  const year = indicators.data?.dvo.year;
  const requested = searchParams.get('period');
  const month = parseMonth(requested) ? (requested as string) : year ? `${year}-06` : '';
  // a month of another year is said once, as on the Maandoverzicht, instead of an error per panel
  const outside = year !== undefined && parseMonth(month)?.year !== year;
  const breadcrumbMonth = outside ? `${year}-06` : month;
  const asOfParam = searchParams.get('asOf');
  const asOf = asOfParam && DATE.test(asOfParam) ? asOfParam : null;
  const indicator = indicators.data?.indicators.find((i) => i.code === code);

  const setAsOf = (value: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set('asOf', value);
    else next.delete('asOf');
    setSearchParams(next);
  };

  if (isUnknownDvo(indicators.error)) return <UnknownDvo dvo={dvo} />;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/dvo/${encodeURIComponent(dvo)}/maand/${breadcrumbMonth}`}>
          Maandoverzicht {breadcrumbMonth && formatPeriodLabel(breadcrumbMonth)}
        </Link>
      </p>
      <PanelState query={indicators} label="de afspraak">
        {() =>
          indicator ? (
            <>
              <h1>{indicator.name}</h1>
              <IndicatorIntro indicator={indicator} catalogue={indicators.data?.indicators ?? []} />
              {indicators.data && (
                <PreviousYear dvo={indicators.data.dvo} indicator={indicator} catalogue={indicators.data.indicators} />
              )}
              {outside ? (
                <OutsideDvoYear
                  dvo={dvo}
                  period={month}
                  href={(p) =>
                    `/dvo/${encodeURIComponent(dvo)}/indicator/${encodeURIComponent(indicator.code)}?period=${p}`
                  }
                />
              ) : (
                <>
                  {month && <PeriodLock dvo={dvo} period={month} />}
                  <LockChanges dvo={dvo} indicator={indicator.code} />
                  <AsOfForm asOf={asOf} onChange={setAsOf} />
                  {month && <IndicatorPanels dvo={dvo} indicator={indicator} month={month} asOf={asOf} />}
                </>
              )}
            </>
          ) : (
            <>
              <h1>Afspraak niet gevonden</h1>
              <p className="message">Deze DVO heeft geen afspraak met de code {code}.</p>
            </>
          )
        }
      </PanelState>
    </>
  );
}

function IndicatorIntro({ indicator, catalogue }: { indicator: Indicator; catalogue: readonly Indicator[] }) {
  return (
    <dl className="facts">
      <div>
        <dt>Artikel</dt>
        <dd>{indicator.article}</dd>
      </div>
      <div>
        <dt>Hoofdstuk</dt>
        <dd>{indicator.chapter}</dd>
      </div>
      <div>
        <dt>Norm</dt>
        <dd>{describeNorm(indicator, catalogue)}</dd>
      </div>
      <div>
        <dt>Bron van de norm</dt>
        <dd>
          {indicator.source.reference}
          {indicator.source.placeholder && <span className="badge badge-placeholder">voorlopige waarde</span>}
          {indicator.source.note && <span className="source-note">{indicator.source.note}</span>}
        </dd>
      </div>
      <div>
        <dt>Levering</dt>
        <dd>
          {frequencyLabel(indicator)}
          {indicator.segments.length > 0 && `; onderdelen: ${indicator.segments.map(formatSegment).join(', ')}`}
        </dd>
      </div>
      <div>
        <dt>Code in het aanleverbestand</dt>
        <dd className="code-inline">{indicator.code}</dd>
      </div>
    </dl>
  );
}

/** "Zoals bekend op": a date input; applying it puts asOf in the URL, so the view can be shared. */
function AsOfForm({ asOf, onChange }: { asOf: string | null; onChange: (value: string | null) => void }) {
  const [draft, setDraft] = useState(asOf ?? '');
  const [shown, setShown] = useState(asOf);
  if (shown !== asOf) {
    setShown(asOf);
    setDraft(asOf ?? '');
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onChange(DATE.test(draft) ? draft : null);
  };
  return (
    <form className="asof-form card" onSubmit={onSubmit}>
      <div className="field field-inline">
        <label htmlFor="asof">Zoals bekend op</label>
        <input
          id="asof"
          type="date"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          aria-describedby="asof-uitleg"
        />
        <button type="submit" className="button">
          Toon
        </button>
        {asOf && (
          <button type="button" className="button" onClick={() => onChange(null)}>
            Laatste stand
          </button>
        )}
      </div>
      <p id="asof-uitleg" className="hint">
        {asOf
          ? `U ziet de cijfers zoals ze bekend waren op ${formatDate(asOf)} (eind van de dag). Latere correcties zijn niet meegenomen.`
          : 'U ziet de laatste stand. Kies een datum om de cijfers te zien zoals ze toen bekend waren.'}
      </p>
    </form>
  );
}

function IndicatorPanels({
  dvo,
  indicator,
  month,
  asOf,
}: {
  dvo: string;
  indicator: Indicator;
  month: string;
  asOf: string | null;
}) {
  const [searchParams] = useSearchParams();
  const segment = searchParams.get('segment');
  const year = month.slice(0, 4);
  const status = useStatus(dvo, month, asOf);
  // the threads of the month's deviations, for the one click from a deviating row to its thread
  const deviations = useDeviations(dvo, status.isSuccess ? month : '', asOf);
  const measured = indicator.kind !== 'qualitative' && indicator.kind !== 'milestone';
  // the course to December (one request): the norm path runs on past the month shown
  const course = useCourse(dvo, measured ? `${year}-12` : '', asOf);
  const figures = useFigures(dvo, { indicator: indicator.code, from: `${year}-01`, to: `${year}-12` });
  // One loading state until the stand (with its threads), the course and the figures are in (or have failed), then the
  // panels at once, as a transition (as on the Kwartaaloverleg): panels filling in one by one pushed
  // the ones below down the page as each request landed (Lighthouse: CLS 0.21 on a desktop).
  // (the threads are asked once the stand is in; a link to one made its row taller)
  const threadsPending = status.isSuccess && deviations.isPending;
  const loaded = !status.isLoading && !threadsPending && !course.isLoading && !figures.isLoading;
  const shown = useDeferredValue(loaded);
  if (!loaded || !shown) {
    return (
      <p className="message message-loading" role="status">
        Bezig met laden van {measured ? 'de stand, het verloop en de cijfers' : 'de stand'}…
      </p>
    );
  }

  return (
    <>
      <PanelBoundary label="de stand">
        <PanelState query={status} label="de stand">
          {(data) => (
            <StatusCard
              dvo={dvo}
              data={data}
              indicator={indicator}
              month={month}
              asOf={asOf}
              threads={deviations.data?.rows}
              threadsFailed={deviations.isError}
            />
          )}
        </PanelState>
      </PanelBoundary>
      {measured ? (
        <>
          <PanelBoundary label="het verloop">
            <section className="card" aria-labelledby="verloop">
              <h2 id="verloop">Verloop {year}</h2>
              <PathPanel
                indicator={indicator}
                month={month}
                course={course.data}
                rows={status.data?.rows}
                pending={course.isPending}
              />
              {indicator.normPerSegment &&
                indicator.segments.map((s) => (
                  <PathPanel
                    key={s}
                    indicator={indicator}
                    month={month}
                    segment={s}
                    course={course.data}
                    rows={status.data?.rows}
                    pending={course.isPending}
                    highlighted={segment === s}
                  />
                ))}
            </section>
          </PanelBoundary>
          <PanelBoundary label="de cijfers per periode">
            <section className="card" aria-labelledby="per-periode">
              <h2 id="per-periode">Cijfers per {indicator.frequency === 'M' ? 'maand' : 'periode'}</h2>
              <PanelState
                query={figures}
                label="de cijfers"
                isEmpty={(d) => d.figures.length === 0}
                empty={<NoFigures />}
              >
                {(data) => <PeriodBars indicator={indicator} figures={data.figures} asOf={asOf} />}
              </PanelState>
            </section>
          </PanelBoundary>
          <PanelBoundary label="de correcties">
            <section className="card" aria-labelledby="correcties">
              <h2 id="correcties">Geleverde cijfers en correcties</h2>
              <PanelState
                query={figures}
                label="de correcties"
                isEmpty={(d) => d.figures.length === 0}
                empty={<NoFigures />}
              >
                {(data) => <RevisionTable indicator={indicator} figures={data.figures} asOf={asOf} />}
              </PanelState>
            </section>
          </PanelBoundary>
        </>
      ) : (
        <>
          <PanelBoundary label="de beoordelingen">
            <AssessmentHistory dvo={dvo} indicator={indicator} month={month} asOf={asOf} />
          </PanelBoundary>
          {!asOf && (
            <PanelBoundary label="het vastleggen van de stand">
              <AssessmentPanel dvo={dvo} indicator={indicator} month={month} />
            </PanelBoundary>
          )}
        </>
      )}
    </>
  );
}

function NoFigures() {
  return <p className="message">Er zijn voor deze afspraak nog geen cijfers geleverd.</p>;
}

function StatusCard({
  dvo,
  data,
  indicator,
  month,
  asOf,
  threads,
  threadsFailed,
}: {
  dvo: string;
  data: StatusResponse;
  indicator: Indicator;
  month: string;
  asOf: string | null;
  /** The month's deviation rows with their threads; undefined while they load. */
  threads: readonly DeviationRow[] | undefined;
  threadsFailed: boolean;
}) {
  const rows = data.rows.filter((r) => r.indicator === indicator.code);
  if (rows.length === 0) return <p className="message">Geen stand voor deze afspraak.</p>;
  return (
    <section className="card" aria-labelledby="stand">
      <h2 id="stand">Stand eind {formatPeriodLabel(month)}</h2>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Onderdeel</th>
              <th scope="col" className="num">
                Realisatie t/m {formatPeriodShort(month)}
              </th>
              <th scope="col" className="num">
                Norm t/m {formatPeriodShort(month)}
              </th>
              <th scope="col" className="num">
                Verschil
              </th>
              <th scope="col">Status</th>
              <th scope="col">Prognose jaareinde</th>
              <th scope="col">Bron van de norm</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const d = differenceOf(row);
              return (
                <tr key={row.segment ?? '(totaal)'}>
                  <th scope="row">{formatSegment(row.segment)}</th>
                  <td className="num">{formatValue(row.actual, row.unit)}</td>
                  <td className="num">{normToDateText(row)}</td>
                  <td className="num">
                    {d === null ? (
                      '–'
                    ) : d.inside ? (
                      <span className="inside">binnen de bandbreedte</span>
                    ) : (
                      formatDifference(d.value, row.unit)
                    )}
                  </td>
                  <td>
                    <StatusBadge status={row.status} />
                    {row.missingPeriods.length > 0 && (
                      <span className="missing">ontbreekt: {row.missingPeriods.map(formatPeriodLabel).join(', ')}</span>
                    )}
                    <ThreadLink
                      dvo={dvo}
                      period={month}
                      thread={threads?.find((t) => threadKey(t) === threadKey(row))}
                      name={row.segment ? `${indicator.name}, ${formatSegment(row.segment)}` : indicator.name}
                    />
                    {threadsFailed && isDeviation(row.status) && (
                      <span className="missing">De toelichting en maatregel konden niet worden geladen.</span>
                    )}
                  </td>
                  <td>
                    {row.forecast !== undefined ? (
                      <>
                        {formatForecast(row.forecast, row.unit)}{' '}
                        {row.forecastStatus && <StatusBadge status={row.forecastStatus} />}
                      </>
                    ) : (
                      '–'
                    )}
                  </td>
                  <td>
                    <NormSource norm={row.norm} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {asOf && <p className="hint">Stand zoals bekend op {formatDate(asOf)} (eind van de dag).</p>}
    </section>
  );
}

function PathPanel({
  indicator,
  month,
  segment = null,
  course,
  rows,
  pending,
  highlighted = false,
}: {
  indicator: Indicator;
  month: string;
  segment?: string | null;
  course: StatusSeriesResponse | undefined;
  /** The evaluation at `month`, for the kind of norm. */
  rows: StatusRow[] | undefined;
  pending: boolean;
  highlighted?: boolean;
}) {
  const upto = parseMonth(month)?.month ?? 12;
  const points = coursePoints(course, indicator.code, segment);
  const normKind = rows?.find((r) => r.indicator === indicator.code && r.segment === segment)?.norm.kind ?? 'monitor';
  const data = normPathData(points, normKind, upto);
  const cumulative = indicator.kind === 'flow';
  const unit = indicator.unit;
  const part = segment ? ` – ${formatSegment(segment)}` : '';
  if (pending && points.every((p) => p.actual === null && p.expected === null)) {
    return (
      <p className="message message-loading" role="status">
        Bezig met laden van het verloop{part}…
      </p>
    );
  }
  return (
    <div className={highlighted ? 'highlighted' : undefined}>
      <ChartFigure
        title={`${cumulative ? 'Cumulatieve realisatie' : 'Realisatie per maand'} tegen de norm${part}`}
        summary={
          cumulative
            ? `Opgeteld vanaf januari tot en met ${formatPeriodLabel(month)}, tegen het pad naar de jaarnorm; het gekleurde vlak is de marge waarbinnen de status "aandacht" is.`
            : `De stand per maand tot en met ${formatPeriodLabel(month)} tegen de norm; het gekleurde vlak is de marge waarbinnen de status "aandacht" is.`
        }
        chart={
          <NormPathChart
            data={data}
            unit={unit}
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
                  Realisatie{cumulative ? ' (opgeteld)' : ''}
                </th>
                <th scope="col" className="num">
                  Norm
                </th>
                <th scope="col" className="num">
                  Grens aandacht
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p, i) => (
                <tr key={p.month}>
                  <th scope="row">{formatPeriodLabel(`${month.slice(0, 4)}-${String(p.month).padStart(2, '0')}`)}</th>
                  <td className="num">{formatValue(data[i]?.actual, unit)}</td>
                  <td className="num">{formatValue(p.expected, unit)}</td>
                  <td className="num">{formatValue(normKind === 'max' ? p.marginHigh : p.marginLow, unit)}</td>
                  <td>{p.status && p.month <= upto ? <StatusBadge status={p.status} /> : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </div>
  );
}

function PeriodBars({
  indicator,
  figures,
  asOf,
}: {
  indicator: Indicator;
  figures: Parameters<typeof valuesByPeriod>[0];
  asOf: string | null;
}) {
  const values = valuesByPeriod(figures, indicator.code, indicator.kind, asOfMoment(asOf));
  if (values.length === 0) return <p className="message">Op deze datum waren er nog geen cijfers bekend.</p>;
  const unit = indicator.unit;
  // a ratio's segments do not add up to its total, so they are not stacked
  const stack = indicator.segments.length > 0 && indicator.kind !== 'ratio';
  const series = stack
    ? indicator.segments.map((s) => ({ key: s, label: formatSegment(s) }))
    : [{ key: 'total', label: 'totaal' }];
  const data = values.map((v) => {
    const row: Record<string, string | number | null> = { label: formatPeriodShort(v.period), total: v.total };
    for (const s of indicator.segments) row[s] = v.segments[s] ?? null;
    return row;
  });
  return (
    <ChartFigure
      title={`${indicator.name} per periode${stack ? ', per onderdeel gestapeld' : ''}`}
      chart={<BarsChart data={data} series={series} unit={unit} stacked={stack} />}
      table={
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Periode</th>
              {indicator.segments.map((s) => (
                <th scope="col" key={s} className="num">
                  {formatSegment(s)}
                </th>
              ))}
              <th scope="col" className="num">
                Totaal
              </th>
              <th scope="col">Toelichting</th>
            </tr>
          </thead>
          <tbody>
            {values.map((v) => (
              <tr key={v.period}>
                <th scope="row">{formatPeriodLabel(v.period)}</th>
                {indicator.segments.map((s) => (
                  <td key={s} className="num">
                    {formatValue(v.segments[s] ?? null, unit)}
                  </td>
                ))}
                <td className="num">
                  {formatValue(v.total, unit)}
                  {v.totalSummed && <span className="visually-hidden"> (som van de onderdelen)</span>}
                </td>
                <td>{v.comments.join(' ') || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
      tableLabel="Tabel met de cijfers per periode"
    />
  );
}

function describeRevision(
  indicator: Indicator,
  r: { value: number | null; numerator: number | null; denominator: number | null },
) {
  if (indicator.kind === 'ratio') {
    if (r.numerator === null || r.denominator === null) return '–';
    const pct = r.denominator > 0 ? ` (${formatValue((100 * r.numerator) / r.denominator, 'procent')})` : '';
    return `${formatValue(r.numerator, 'aantal')} / ${formatValue(r.denominator, 'aantal')}${pct}`;
  }
  return formatValue(r.value, indicator.unit);
}

function RevisionTable({
  indicator,
  figures,
  asOf,
}: {
  indicator: Indicator;
  figures: Parameters<typeof revisionLines>[0];
  asOf: string | null;
}) {
  const lines = revisionLines(figures, indicator.code, asOfMoment(asOf));
  const corrections = lines.filter((l) => l.previous !== null).length;
  return (
    <>
      <p>
        {lines.length} {lines.length === 1 ? 'levering' : 'leveringen'}, waarvan {corrections}{' '}
        {corrections === 1 ? 'correctie' : 'correcties'} op een eerder geleverd cijfer.
        {asOf && ' De regels met "geldig op gekozen datum" waren de stand op de gekozen datum.'}
      </p>
      <div className="table-scroll">
        <table className="data-table revisions-table">
          <caption className="visually-hidden">
            Alle geleverde cijfers met hun correcties, nieuwste eerst per periode
          </caption>
          <thead>
            <tr>
              <th scope="col">Periode</th>
              <th scope="col">Onderdeel</th>
              <th scope="col" className="num">
                Waarde
              </th>
              <th scope="col">Wijziging</th>
              <th scope="col">Geleverd op</th>
              <th scope="col">Door</th>
              <th scope="col">Bron</th>
              <th scope="col">Toelichting</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr
                key={`${l.period}|${l.segment}|${l.revision.recordedAt}|${l.revision.importId}`}
                className={l.current ? undefined : 'superseded'}
              >
                <th scope="row">{formatPeriodLabel(l.period)}</th>
                <td>{formatSegment(l.segment)}</td>
                <td className="num">{describeRevision(indicator, l.revision)}</td>
                <td>
                  {l.previous ? `gecorrigeerd, was ${describeRevision(indicator, l.previous)}` : 'eerste levering'}
                  {l.current ? <span className="tag">huidig</span> : <span className="tag tag-muted">vervangen</span>}
                  {l.inForceAtAsOf && <span className="tag tag-asof">geldig op gekozen datum</span>}
                </td>
                <td>{formatDateTime(l.revision.recordedAt)}</td>
                <td>{l.revision.recordedBy}</td>
                <td>
                  {l.revision.source === 'api' ? 'API' : l.revision.source.toUpperCase()}
                  {l.revision.filename && <span className="source-note">{l.revision.filename}</span>}
                  <span className="source-note">import {l.revision.importId}</span>
                </td>
                <td>{l.revision.comment ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Qualitative agreements and milestones: the hand-set status and narrative per quarter end. */
function AssessmentHistory({
  dvo,
  indicator,
  month,
  asOf,
}: {
  dvo: string;
  indicator: Indicator;
  month: string;
  asOf: string | null;
}) {
  const upto = parseMonth(month)?.month ?? 12;
  const quarterEnds = useMemo(() => [3, 6, 9, 12].filter((m) => m <= Math.max(upto, 3)), [upto]);
  // the narrative is not in the course: the evaluation at each quarter end (at most four requests)
  const year = month.slice(0, 4);
  const ends = useMemo(() => quarterEnds.map((m) => `${year}-${String(m).padStart(2, '0')}`), [year, quarterEnds]);
  const responses = useStatusSeries(dvo, ends, asOf).responses;
  return (
    <section className="card" aria-labelledby="beoordelingen">
      <h2 id="beoordelingen">Status per kwartaal</h2>
      <p>
        {indicator.kind === 'qualitative'
          ? 'Deze afspraak heeft geen cijfers: de status en de toelichting worden per kwartaal met de hand vastgelegd.'
          : 'Een mijlpaal is op koers als hij voor de deadline gereed is.'}
      </p>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Stand eind</th>
              <th scope="col">Status</th>
              <th scope="col">Toelichting</th>
            </tr>
          </thead>
          <tbody>
            {quarterEnds.map((m) => {
              const row = findRow(responses[quarterEnds.indexOf(m)], indicator.code, null);
              return (
                <tr key={m}>
                  <th scope="row">{formatPeriodLabel(`${month.slice(0, 4)}-${String(m).padStart(2, '0')}`)}</th>
                  <td>{row ? <StatusBadge status={row.status} /> : 'bezig met laden…'}</td>
                  <td>
                    {row?.completedOn && `Gereed op ${formatDate(row.completedOn)}. `}
                    {row?.narrative ?? (row ? '–' : '')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
