import {
  type QueryClient,
  queryOptions,
  type UseQueryResult,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { AssessmentBody, AssessmentHistory, AssessmentResult } from '../../../../shared/contracts/assessments.ts';
import type { StatusResponse } from '../../../../shared/contracts/status.ts';
import { api } from '../../lib/api-client.ts';
import {
  deviationsQuery,
  figuresQuery,
  indicatorsQuery,
  lockChangesQuery,
  locksQuery,
  seriesQuery,
  statusQuery,
} from '../../lib/dvo-queries.ts';
import { parseMonth } from '../../lib/period-nav.ts';
import { sessionQuery } from '../../lib/session-query.ts';

export function useIndicators(dvo: string) {
  return useQuery(indicatorsQuery(dvo));
}

export function useStatus(dvo: string, month: string, asOf?: string | null) {
  return useQuery(statusQuery(dvo, month, asOf));
}

/** The deviation threads of a month or quarter (toelichting, maatregel, state), as the Afwijkingen page shows them. */
export function useDeviations(dvo: string, period: string, asOf?: string | null) {
  return useQuery({ ...deviationsQuery(dvo, period, asOf), enabled: period !== '' });
}

/** The month's course per agreement (one request); `enabled: false` holds it back. */
export function useSparklines(dvo: string, month: string, enabled: boolean) {
  return useQuery({ ...seriesQuery(dvo, month), enabled });
}

/**
 * Every agreement's course from January up to `month` (`GET /series`: one request, however many
 * months), optionally as the data stood at `asOf`.
 */
export function useCourse(dvo: string, month: string, asOf?: string | null) {
  return useQuery({ ...seriesQuery(dvo, month, asOf), enabled: month !== '' });
}

/**
 * The evaluation at each of `months` (one request per month, each cached on its own), for what the
 * course does not hold (a qualitative agreement's narrative per quarter end): keep `months` few.
 * Index i of `responses` is `months[i]`; undefined until loaded.
 */
export function useStatusSeries(dvo: string, months: readonly string[], asOf?: string | null) {
  return useQueries({
    queries: months.map((m) => statusQuery(dvo, m, asOf)),
    combine: combineSeries,
  });
}

// Outside the hook: a stable combine is only run again when a result changes, so `responses` keeps
// its identity between renders (the tables redraw only for new data).
function combineSeries(results: UseQueryResult<StatusResponse>[]) {
  return {
    responses: results.map((r) => r.data) as (StatusResponse | undefined)[],
    pending: results.some((r) => r.isPending),
    failed: results.some((r) => r.isError),
  };
}

/** Figures with their revisions; `indicator` omitted means every indicator in the range. */
export function useFigures(dvo: string, filter: { indicator?: string; from: string; to: string }) {
  return useQuery(figuresQuery(dvo, filter));
}

/**
 * Starts the month screen's own requests (the catalogue, the month and its vaststelling), so they can begin before
 * the screen renders. The course for the sparklines (`GET /series`) follows once the month is in.
 */
export function prefetchMonthPage(client: QueryClient, dvo: string, period: string): void {
  void client.prefetchQuery(indicatorsQuery(dvo));
  void client.prefetchQuery(locksQuery(dvo));
  if (parseMonth(period)) {
    void client.prefetchQuery(statusQuery(dvo, period));
    void client.prefetchQuery(lockChangesQuery(dvo, { period }));
  }
}

export function useSession() {
  return useQuery(sessionQuery);
}

export function useLocks(dvo: string) {
  return useQuery(locksQuery(dvo));
}

const assessmentsPath = (dvo: string, code: string) =>
  `/api/dvos/${encodeURIComponent(dvo)}/assessments/${encodeURIComponent(code)}`;

/** Every hand-set status of one agreement (who, when, what), newest first. */
export const assessmentHistoryQuery = (dvo: string, code: string) =>
  queryOptions({
    queryKey: ['dvos', dvo, 'assessments', code],
    queryFn: ({ signal }) => api<AssessmentHistory>(assessmentsPath(dvo, code), { signal }),
    staleTime: 30_000,
  });

export function useAssessmentHistory(dvo: string, code: string) {
  return useQuery(assessmentHistoryQuery(dvo, code));
}

/**
 * Sets a hand-set status or done-on date. Afterwards every evaluation of the DVO is stale (the
 * Maandoverzicht and Kwartaaloverleg show the new status); the catalogue is not.
 */
export function useSetAssessment(dvo: string, code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ period, body }: { period: string; body: AssessmentBody }) =>
      api<AssessmentResult>(`${assessmentsPath(dvo, code)}/${encodeURIComponent(period)}`, { method: 'PUT', body }),
    onSuccess: () =>
      queryClient.invalidateQueries({
        predicate: (q) => q.queryKey[0] === 'dvos' && q.queryKey[1] === dvo && q.queryKey[2] !== 'indicators',
      }),
  });
}
