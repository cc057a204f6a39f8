import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Indicator, PreviousAgreement } from '../../../../shared/contracts/catalogue.ts';
import type { NormEffect, NormVersionList, RecordedNormVersion } from '../../../../shared/contracts/norms.ts';
import type { NormVersionProposal } from '../../../../shared/domain/norm-versions.ts';
import { api } from '../../lib/api-client.ts';

// The catalogue screen reads the shared DVO queries; they live in lib/ because the dashboard reads them too.
export { dvosQuery, indicatorsQuery } from '../../lib/dvo-queries.ts';
export { sessionQuery } from '../../lib/session-query.ts';

const normsPath = (dvo: string, code: string) =>
  `/api/dvos/${encodeURIComponent(dvo)}/indicators/${encodeURIComponent(code)}/norms`;

/** Every version of one agreement's norm, newest first. */
export const normVersionsQuery = (dvo: string, code: string) =>
  queryOptions({
    queryKey: ['dvos', dvo, 'norms', code],
    queryFn: ({ signal }) => api<NormVersionList>(normsPath(dvo, code), { signal }),
  });

/** Which statuses of the year one version changed. */
export const normEffectQuery = (dvo: string, code: string, version: number) =>
  queryOptions({
    queryKey: ['dvos', dvo, 'norms', code, version, 'effect'],
    queryFn: ({ signal }) => api<NormEffect>(`${normsPath(dvo, code)}/${version}/effect`, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });

/** Records a new version; every answer of the DVO (catalogue, statuses, lists) is read anew afterwards. */
export function useRecordNormVersion(dvo: string, code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (proposal: NormVersionProposal) =>
      api<RecordedNormVersion>(normsPath(dvo, code), { method: 'POST', body: proposal }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['dvos', dvo] }),
  });
}

/** Matches an agreement with last year's, or records it as new (`null`); the DVO's answers are read anew. */
export function useSetPrevious(dvo: string, code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (previous: PreviousAgreement | null) =>
      api<Indicator>(`/api/dvos/${encodeURIComponent(dvo)}/indicators/${encodeURIComponent(code)}/previous`, {
        method: 'PUT',
        body: { previous },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['dvos', dvo] }),
  });
}
