import { type QueryClient, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  DeviationState,
  DeviationThread,
  Meeting,
  MeetingDetail,
  MeetingDeviationsResponse,
  MeetingItem,
  MeetingList,
  MeetingType,
} from '../../../../shared/contracts/deviations.ts';
import { ApiError, api } from '../../lib/api-client.ts';

export { deviationsQuery, dvosQuery, indicatorsQuery, statusQuery } from '../../lib/dvo-queries.ts';

const dvoPath = (dvo: string) => `/api/dvos/${encodeURIComponent(dvo)}`;

export { sessionQuery } from '../../lib/session-query.ts';

// Keys start with ['dvos', dvo] like every other DVO query, so a delivery (which invalidates the
// DVO's figure-based answers) also refreshes the deviation list.

export const threadQuery = (dvo: string, id: number) =>
  queryOptions({
    queryKey: ['dvos', dvo, 'deviations', 'thread', id],
    queryFn: ({ signal }) => api<DeviationThread>(`${dvoPath(dvo)}/deviations/${id}`, { signal }),
    staleTime: 30_000,
  });

export const meetingsQuery = (dvo: string) =>
  queryOptions({
    queryKey: ['dvos', dvo, 'meetings', 'list'],
    queryFn: ({ signal }) => api<MeetingList>(`${dvoPath(dvo)}/meetings`, { signal }),
    staleTime: 30_000,
  });

export const meetingQuery = (dvo: string, id: number) =>
  queryOptions({
    queryKey: ['dvos', dvo, 'meetings', 'detail', id],
    queryFn: ({ signal }) => api<MeetingDetail>(`${dvoPath(dvo)}/meetings/${id}`, { signal }),
    staleTime: 30_000,
  });

/** The list as it stood when the meeting was opened; it never changes, so it is not refetched. */
export const meetingDeviationsQuery = (dvo: string, id: number) =>
  queryOptions({
    queryKey: ['dvos', dvo, 'meetings', 'frozen', id],
    queryFn: ({ signal }) => api<MeetingDeviationsResponse>(`${dvoPath(dvo)}/meetings/${id}/deviations`, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });

export type ExportFormat = 'csv' | 'xlsx' | 'pdf' | 'docx';

/** A plain link: the browser downloads it with the session cookie, and names it as the server says. */
export function deviationsExportUrl(dvo: string, period: string, format: ExportFormat): string {
  return `${dvoPath(dvo)}/deviations?${new URLSearchParams({ period, format })}`;
}

export function meetingExportUrl(dvo: string, meetingId: number, format: ExportFormat): string {
  return `${dvoPath(dvo)}/meetings/${meetingId}/deviations?${new URLSearchParams({ format })}`;
}

/** The lists that show a thread's content: the period lists and the other threads (not the frozen meetings). */
function invalidateLists(queryClient: QueryClient, dvo: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: ['dvos', dvo, 'deviations', 'list'] });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What the schema would refuse with a generic 400 (an empty text, no date) is refused here first, in
 * Dutch and in the same shape as the server's 422, so the form shows it like any other refusal.
 */
function refusal(message: string): ApiError {
  return new ApiError(422, 'validation_failed', message);
}

export type ThreadWrite =
  | { type: 'toelichting'; text: string }
  | { type: 'maatregel'; text: string; owner: string; deadline: string | null }
  | { type: 'transition'; to: DeviationState; note: string };

/** One write on a thread; each form has its own mutation, so its pending and error state are its own. */
export function useThreadWrite(dvo: string, id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (write: ThreadWrite) => {
      const base = `${dvoPath(dvo)}/deviations/${id}`;
      switch (write.type) {
        case 'toelichting':
          return api<DeviationThread>(`${base}/toelichting`, { method: 'PUT', body: { text: write.text } });
        case 'maatregel':
          return api<DeviationThread>(`${base}/maatregel`, {
            method: 'PUT',
            body: { text: write.text, owner: write.owner, deadline: write.deadline },
          });
        case 'transition':
          return api<DeviationThread>(`${base}/transitions`, {
            method: 'POST',
            body: write.note.trim() ? { to: write.to, note: write.note.trim() } : { to: write.to },
          });
      }
    },
    onSuccess: (thread) => {
      queryClient.setQueryData(threadQuery(dvo, id).queryKey, thread);
      void invalidateLists(queryClient, dvo);
    },
  });
}

export interface MeetingInput {
  type: MeetingType;
  date: string;
  period: string;
  title?: string;
  attendees: string[];
}

export function useOpenMeeting(dvo: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: MeetingInput) => {
      if (!ISO_DATE.test(input.date)) throw refusal('Vul de datum van het overleg in.');
      return api<Meeting>(`${dvoPath(dvo)}/meetings`, { method: 'POST', body: input });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['dvos', dvo, 'meetings', 'list'] });
      // opening a meeting opens (or carries on) the period's threads
      void invalidateLists(queryClient, dvo);
    },
  });
}

export function useUpdateMeeting(dvo: string, id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { title: string | null; attendees: string[] }) =>
      api<Meeting>(`${dvoPath(dvo)}/meetings/${id}`, { method: 'PATCH', body: input }),
    onSuccess: (meeting) => {
      queryClient.setQueryData(meetingQuery(dvo, id).queryKey, (old: MeetingDetail | undefined) =>
        old ? { ...old, meeting } : old,
      );
      void queryClient.invalidateQueries({ queryKey: ['dvos', dvo, 'meetings', 'list'] });
    },
  });
}

export interface ItemInput {
  kind: 'besluit' | 'actiepunt';
  text: string;
  owner: string | null;
  deadline: string | null;
  deviationId: number | null;
}

/** Items carry on to later meetings, so every meeting of the DVO is refreshed (not the frozen lists). */
function invalidateMeetings(queryClient: QueryClient, dvo: string): Promise<void> {
  return queryClient.invalidateQueries({
    queryKey: ['dvos', dvo, 'meetings'],
    predicate: (q) => q.queryKey[3] !== 'frozen',
  });
}

export function useAddItem(dvo: string, meetingId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: ItemInput) => {
      if (input.text.trim() === '') throw refusal('Vul de tekst van het besluit of actiepunt in.');
      return api<MeetingItem>(`${dvoPath(dvo)}/meetings/${meetingId}/items`, { method: 'POST', body: input });
    },
    onSuccess: () => invalidateMeetings(queryClient, dvo),
  });
}

export function useSetItemState(dvo: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; state: 'open' | 'done' }) =>
      api<MeetingItem>(`${dvoPath(dvo)}/meeting-items/${input.id}`, {
        method: 'PATCH',
        body: { state: input.state },
      }),
    onSuccess: () => invalidateMeetings(queryClient, dvo),
  });
}
