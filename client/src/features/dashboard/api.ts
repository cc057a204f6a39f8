import { useQueries, useQuery } from '@tanstack/react-query';
import type { StatusResponse } from '../../../../shared/contracts/status.ts';
import { figuresQuery, indicatorsQuery, statusQuery } from '../../lib/dvo-queries.ts';

export function useIndicators(dvo: string) {
  return useQuery(indicatorsQuery(dvo));
}

export function useStatus(dvo: string, month: string, asOf?: string | null) {
  return useQuery(statusQuery(dvo, month, asOf));
}

/**
 * The evaluation at each of `months` (one request per month, each cached on its own, so moving a
 * month on costs one request). Index i of `responses` is `months[i]`; undefined until loaded.
 */
export function useStatusSeries(dvo: string, months: readonly string[], asOf?: string | null) {
  return useQueries({
    queries: months.map((m) => statusQuery(dvo, m, asOf)),
    combine: (results) => ({
      responses: results.map((r) => r.data) as (StatusResponse | undefined)[],
      pending: results.some((r) => r.isPending),
      failed: results.some((r) => r.isError),
    }),
  });
}

/** Figures with their revisions; `indicator` omitted means every indicator in the range. */
export function useFigures(dvo: string, filter: { indicator?: string; from: string; to: string }) {
  return useQuery(figuresQuery(dvo, filter));
}
