import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { MailKind, MailSettings, TeDoenResponse } from '../../../../shared/contracts/te-doen.ts';
import { api } from '../../lib/api-client.ts';

/** What is this user's to do; the menu shows its count, so it is refreshed every minute. */
export const teDoenQuery = queryOptions({
  queryKey: ['te-doen'],
  queryFn: ({ signal }) => api<TeDoenResponse>('/api/todo', { signal }),
  staleTime: 30_000,
  refetchInterval: 60_000,
});

export const mailSettingsQuery = queryOptions({
  queryKey: ['te-doen', 'mail'],
  queryFn: ({ signal }) => api<MailSettings>('/api/todo/mail', { signal }),
});

/** Switches one reminder kind on or off for the signed-in user. */
export function useSetMailKind() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, on }: { kind: MailKind; on: boolean }) =>
      api<MailSettings>('/api/todo/mail', { method: 'PATCH', body: { kinds: { [kind]: on } } }),
    // the box changes at once; a refusal puts it back
    onMutate: ({ kind, on }) => {
      const before = queryClient.getQueryData(mailSettingsQuery.queryKey);
      if (before)
        queryClient.setQueryData(mailSettingsQuery.queryKey, { ...before, kinds: { ...before.kinds, [kind]: on } });
      return { before };
    },
    onError: (_error, _input, context) => {
      if (context?.before) queryClient.setQueryData(mailSettingsQuery.queryKey, context.before);
    },
    onSuccess: (settings) => queryClient.setQueryData(mailSettingsQuery.queryKey, settings),
  });
}
