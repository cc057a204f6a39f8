import { queryOptions } from '@tanstack/react-query';
import type { FiguresResponse } from '../../../shared/contracts/figures.ts';
import { api } from './api-client.ts';

// Apart from dvo-queries.ts so the figures contract loads with the screens that show revisions, not
// with the month screen.

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
