import { queryOptions } from '@tanstack/react-query';
import type { DeviationsResponse, LockChangesResponse } from '../../../shared/contracts/deviations.ts';
import type { DvoList, IndicatorList } from '../../../shared/contracts/dvos.ts';
import type { FiguresResponse, PeriodLockList } from '../../../shared/contracts/figures.ts';
import type { StatusResponse, StatusSeriesResponse } from '../../../shared/contracts/status.ts';
import { parsePeriod, periodContains } from '../../../shared/domain/periods.ts';
import { api } from './api-client.ts';

// Queries more than one feature reads (features do not import each other). The keys start with
// the DVO so a DVO's cache can be dropped as a whole.

export const dvosQuery = queryOptions({
  queryKey: ['dvos'],
  queryFn: ({ signal }) => api<DvoList>('/api/dvos', { signal }),
  staleTime: 10 * 60_000,
});

export const indicatorsQuery = (dvo: string) =>
  queryOptions({
    queryKey: ['dvos', dvo, 'indicators'],
    queryFn: ({ signal }) => api<IndicatorList>(`/api/dvos/${encodeURIComponent(dvo)}/indicators`, { signal }),
    staleTime: 10 * 60_000,
  });

/** `GET /status` for one evaluation month, optionally as the data stood at `asOf` (YYYY-MM-DD). */
export const statusQuery = (dvo: string, month: string, asOf?: string | null) =>
  queryOptions({
    queryKey: ['dvos', dvo, 'status', month, asOf ?? null],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ period: month });
      if (asOf) params.set('asOf', asOf);
      return api<StatusResponse>(`/api/dvos/${encodeURIComponent(dvo)}/status?${params}`, { signal });
    },
    staleTime: 60_000,
  });

/**
 * `GET /series`: every agreement's course from January up to `month`, in one answer (the month
 * screen's sparklines, the kwartaal and indicator charts), optionally as the data stood at `asOf`.
 */
export const seriesQuery = (dvo: string, month: string, asOf?: string | null) =>
  queryOptions({
    queryKey: ['dvos', dvo, 'series', month, asOf ?? null],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ period: month });
      if (asOf) params.set('asOf', asOf);
      return api<StatusSeriesResponse>(`/api/dvos/${encodeURIComponent(dvo)}/series?${params}`, { signal });
    },
    staleTime: 60_000,
  });

export interface FiguresFilter {
  indicator?: string;
  from?: string;
  to?: string;
}

/** `GET /figures`: every (indicator, period, segment) with its revisions, newest first. */
export const figuresQuery = (dvo: string, filter: FiguresFilter) =>
  queryOptions({
    queryKey: ['dvos', dvo, 'figures', filter.indicator ?? null, filter.from ?? null, filter.to ?? null],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams();
      if (filter.indicator) params.set('indicator', filter.indicator);
      if (filter.from) params.set('from', filter.from);
      if (filter.to) params.set('to', filter.to);
      return api<FiguresResponse>(`/api/dvos/${encodeURIComponent(dvo)}/figures?${params}`, { signal });
    },
    staleTime: 60_000,
  });

/**
 * `GET /deviations?period=` (a month, or a quarter meaning its last month): the deviating rows with
 * their threads (toelichting, maatregel, state). Reading it opens threads for new deviations, so every
 * row has an id to link to (with `asOf`, the threads as they stood then; nothing is opened). The
 * Afwijkingen page, the Maandoverzicht, the Kwartaaloverleg and the Indicator screen read the same list.
 */
export const deviationsQuery = (dvo: string, period: string, asOf?: string | null) =>
  queryOptions({
    queryKey: ['dvos', dvo, 'deviations', 'list', period, asOf ?? null],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ period });
      if (asOf) params.set('asOf', asOf);
      return api<DeviationsResponse>(`/api/dvos/${encodeURIComponent(dvo)}/deviations?${params}`, { signal });
    },
    staleTime: 30_000,
  });

/** `GET /periods/locks`: the vastgestelde periods of the DVO (delivery and hand-set statuses refuse them). */
export const locksQuery = (dvo: string) =>
  queryOptions({
    queryKey: ['dvos', dvo, 'locks'],
    queryFn: ({ signal }) => api<PeriodLockList>(`/api/dvos/${encodeURIComponent(dvo)}/periods/locks`, { signal }),
    staleTime: 60_000,
  });

/**
 * `GET /periods/changes`: per period that was ever vastgesteld (overlapping `period`), the figures that
 * differ now from its first vaststelling, with the status then and now.
 */
export const lockChangesQuery = (dvo: string, filter: { period?: string; indicator?: string }) =>
  queryOptions({
    queryKey: ['dvos', dvo, 'lock-changes', filter.period ?? null, filter.indicator ?? null],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams();
      if (filter.period) params.set('period', filter.period);
      if (filter.indicator) params.set('indicator', filter.indicator);
      return api<LockChangesResponse>(`/api/dvos/${encodeURIComponent(dvo)}/periods/changes?${params}`, { signal });
    },
    staleTime: 60_000,
  });

/** The lock that covers `period`: the period itself, or a quarter or year that contains it. */
export function lockCovering<T extends { period: string }>(period: string, locks: readonly T[]): T | null {
  const inner = parsePeriod(period);
  if (!inner) return null;
  return (
    locks.find((lock) => {
      const outer = parsePeriod(lock.period);
      return outer !== null && periodContains(outer, inner);
    }) ?? null
  );
}
