import { queryOptions } from '@tanstack/react-query';
import type { DvoList, IndicatorList } from '../../../shared/contracts/dvos.ts';
import type { StatusResponse, StatusSeriesResponse } from '../../../shared/contracts/status.ts';
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

/** `GET /series`: every agreement's course from January up to `month`, in one answer (sparklines). */
export const seriesQuery = (dvo: string, month: string) =>
  queryOptions({
    queryKey: ['dvos', dvo, 'series', month],
    queryFn: ({ signal }) =>
      api<StatusSeriesResponse>(
        `/api/dvos/${encodeURIComponent(dvo)}/series?${new URLSearchParams({ period: month })}`,
        {
          signal,
        },
      ),
    staleTime: 60_000,
  });
