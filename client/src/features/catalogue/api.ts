import { queryOptions } from '@tanstack/react-query';
import { DvoListSchema, IndicatorListSchema } from '../../../../shared/contracts/dvos.ts';
import { api } from '../../lib/api-client.ts';

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
