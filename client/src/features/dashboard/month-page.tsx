import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { DeviationRow } from '../../../../shared/contracts/deviations.ts';
import type { IndicatorList } from '../../../../shared/contracts/dvos.ts';
import type { MonthPoint, StatusRow, StatusSeriesResponse } from '../../../../shared/contracts/status.ts';
import { formatPeriodLabel } from '../../../../shared/domain/format-nl.ts';
import { LockChanges } from '../../components/lock-changes.tsx';
import { PeriodLock } from '../../components/period-lock.tsx';
import { isOutsideDvoYear, isUnknownDvo, OutsideDvoYear, UnknownDvo } from '../../components/ui/outside-dvo-year.tsx';
import { PanelBoundary } from '../../components/ui/panel-boundary.tsx';
import { PanelState } from '../../components/ui/panel-state.tsx';
import { lockChangesQuery, locksQuery } from '../../lib/dvo-queries.ts';
import { parseMonth, quarterOfMonthPeriod } from '../../lib/period-nav.ts';
import { useSearchParamsAtOnce } from '../../lib/search-params.ts';
import { useDeviations, useIndicators, useSparklines, useStatus } from './api.ts';
import {
  countByStatus,
  groupByChapter,
  hasFilters,
  type MonthFilters,
  readMonthFilters,
  writeMonthFilters,
} from './chart-data/month-overview.ts';
import { AgreementsTables, seriesKey } from './components/agreements-table.tsx';
import { MonthExport } from './components/month-export.tsx';
import { MonthFiltersForm } from './components/month-filters.tsx';
import { StatusSummary } from './components/status-summary.tsx';
import { threadKey } from './links.ts';

interface PanelProps {
  dvo: string;
  month: string;
  catalogue: IndicatorList;
  rows: StatusRow[];
  filters: MonthFilters;
  sparklines: ReturnType<typeof useSparklines>;
  deviations: ReturnType<typeof useDeviations>;
  /** The rows (seriesKey) with a figure changed after vaststelling. */
  changed: ReadonlySet<string>;
}

/** The course per agreement and segment, for the tables to look up. */
function pointsByRow(response: StatusSeriesResponse): ReadonlyMap<string, MonthPoint[]> {
  return new Map(response.series.map((s) => [seriesKey(s.indicator, s.segment), s.points]));
}

/** The agreements per chapter; the tables are drawn a few agreements per task (AgreementsTables). */
function AgreementsPanel({ dvo, month, catalogue, rows, filters, sparklines, deviations, changed }: PanelProps) {
  const filterKey = writeMonthFilters(filters).toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: filterKey stands for filters
  const groups = useMemo(
    () => groupByChapter(catalogue.dvo.chapters, catalogue.indicators, rows, filters),
    [catalogue, rows, filterKey],
  );
  const points = useMemo(() => (sparklines.data ? pointsByRow(sparklines.data) : null), [sparklines.data]);
  const threads = useMemo(
    () => (deviations.data ? new Map<string, DeviationRow>(deviations.data.rows.map((r) => [threadKey(r), r])) : null),
    [deviations.data],
  );
  const [building, setBuilding] = useState(false);
  const shown = groups.reduce((n, g) => n + g.agreements.length, 0);
  const total = countByStatus(rows).total;
  return (
    <>
      <p className="result-count" role="status">
        {hasFilters(filters) ? `${shown} van ${total} afspraken getoond.` : `${total} afspraken.`}
        {(sparklines.isPending || building) && ' Het verloop per maand wordt geladen…'}
        {sparklines.isError && ' Het verloop per maand kon niet worden geladen.'}
        {deviations.isError && ' Toelichting en maatregel van de afwijkingen konden niet worden geladen.'}
      </p>
      {groups.length === 0 ? (
        <p className="message">Geen afspraken met deze filters.</p>
      ) : (
        <AgreementsTables
          dvo={dvo}
          month={month}
          groups={groups}
          series={points}
          threads={threads}
          onCatchingUp={setBuilding}
          changed={changed}
        />
      )}
    </>
  );
}

/**
 * Maandoverzicht (the monthly voortgangsbespreking): every agreement, realisation to date against
 * the norm to date, status, trend, forecast and what is missing. URL: /dvo/:dvo/maand/:period.
 */
export function MonthPage() {
  const { dvo = '', period = '' } = useParams();
  // the URL holds the filters, so a filtered screen can be shared
  const [searchParams, setSearchParams] = useSearchParamsAtOnce();
  const filters = readMonthFilters(searchParams);
  const setFilters = (next: MonthFilters) => setSearchParams(writeMonthFilters(next, searchParams));

  const indicators = useIndicators(dvo);
  const status = useStatus(dvo, period);
  // the sparklines after the month itself, so the table is not held up by them
  const sparklines = useSparklines(dvo, period, status.isSuccess && indicators.isSuccess);
  // the threads of the month's deviations in one request (toelichting, maatregel, the link), also after the month
  const deviations = useDeviations(dvo, status.isSuccess && parseMonth(period) ? period : '');
  // the vaststelling goes above everything else: what follows waits for it rather than move down
  // when it arrives
  const locks = useQuery(locksQuery(dvo));
  // the same request as the "gewijzigd na vaststelling" panel (one fetch): each changed row is marked too
  const lockChanges = useQuery({ ...lockChangesQuery(dvo, { period }), enabled: status.isSuccess });
  const changed = useMemo(
    () =>
      new Set(
        (lockChanges.data?.periods ?? []).flatMap((p) => p.changes.map((c) => seriesKey(c.indicator, c.rowSegment))),
      ),
    [lockChanges.data],
  );
  const lockPending = locks.isLoading || (lockChanges.isPending && !status.isError);

  if (!parseMonth(period)) return <p className="message">Deze maand bestaat niet. Kies een maand als 2024-06.</p>;
  const quarter = quarterOfMonthPeriod(period);
  if (isUnknownDvo(indicators.error) || isUnknownDvo(status.error)) return <UnknownDvo dvo={dvo} />;
  if (isOutsideDvoYear(status.error)) {
    return (
      <>
        <h1>Maandoverzicht {formatPeriodLabel(period)}</h1>
        <OutsideDvoYear dvo={dvo} period={period} />
      </>
    );
  }

  return (
    <>
      <h1>Maandoverzicht {formatPeriodLabel(period)}</h1>
      <p className="lead">
        Realisatie tot en met {formatPeriodLabel(period)} tegen de norm tot en met die maand. Klik op een afspraak of
        een getal voor het verloop en de cijfers.{' '}
        {quarter && <Link to={`/dvo/${encodeURIComponent(dvo)}/kwartaal/${quarter}`}>Naar het kwartaaloverleg</Link>}
      </p>
      {lockPending ? (
        <p className="message message-loading" role="status">
          Bezig met laden van het maandoverzicht…
        </p>
      ) : (
        <>
          <PanelBoundary label="de vaststelling">
            <PeriodLock dvo={dvo} period={period} actions />
            <LockChanges dvo={dvo} period={period} />
          </PanelBoundary>
          <MonthExport dvo={dvo} month={period} />
          <PanelBoundary label="de samenvatting">
            {status.isError ? (
              <PanelState query={status} label="de samenvatting">
                {() => null}
              </PanelState>
            ) : (
              // drawn at once with placeholders, so the page does not shift when the counts arrive
              <StatusSummary
                counts={status.data ? countByStatus(status.data.rows) : null}
                filters={filters}
                deviationsHref={`/dvo/${encodeURIComponent(dvo)}/afwijkingen?${new URLSearchParams({ periode: period })}`}
              />
            )}
          </PanelBoundary>
          <PanelBoundary label="de filters">
            <MonthFiltersForm filters={filters} chapters={indicators.data?.dvo.chapters ?? []} onChange={setFilters} />
          </PanelBoundary>
          <PanelBoundary label="de afspraken">
            <PanelState query={indicators} label="de afspraken">
              {(catalogue) => (
                <PanelState query={status} label="de stand van de afspraken">
                  {(data) => (
                    <AgreementsPanel
                      dvo={dvo}
                      month={period}
                      catalogue={catalogue}
                      rows={data.rows}
                      filters={filters}
                      sparklines={sparklines}
                      deviations={deviations}
                      changed={changed}
                    />
                  )}
                </PanelState>
              )}
            </PanelState>
          </PanelBoundary>
        </>
      )}
    </>
  );
}
