import { queryOptions } from '@tanstack/react-query';
import { DvoListSchema, IndicatorListSchema } from '../../../shared/contracts/dvos.ts';
import { StatusResponseSchema } from '../../../shared/contracts/status.ts';
import { api } from './api-client.ts';

// Queries more than one feature reads (features do not import each other). The keys start with
// the DVO so a DVO's cache can be dropped as a whole.

export const dvosQuery = queryOptions({
  queryKey: ['dvos'],
  queryFn: ({ signal }) => api('/api/dvos', DvoListSchema, { signal }),
  staleTime: 10 * 60_000,
});

export const indicatorsQuery = (dvo: string) =>
  queryOptions({
    queryKey: ['dvos', dvo, 'indicators'],
    queryFn: ({ signal }) => api(`/api/dvos/${encodeURIComponent(dvo)}/indicators`, IndicatorListSchema, { signal }),
    staleTime: 10 * 60_000,
  });

/** `GET /status` for one evaluation month, optionally as the data stood at `asOf` (YYYY-MM-DD). */
export const statusQuery = (dvo: string, month: string, asOf?: string | null) =>
  queryOptions({
    queryKey: ['dvos', dvo, 'status', month, asOf ?? null],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ period: month });
      if (asOf) params.set('asOf', asOf);
      return api(`/api/dvos/${encodeURIComponent(dvo)}/status?${params}`, StatusResponseSchema, { signal });
    },
    staleTime: 60_000,
  });
