import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Session } from '../../../../shared/contracts/session.ts';
import { api, setCsrfToken } from '../../lib/api-client.ts';

import { sessionQuery } from '../../lib/session-query.ts';

export { sessionQuery };

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) =>
      api<Session>('/api/session', { method: 'POST', body: input }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      // drop what a previous user may have loaded; keep the session query so its observers update
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      queryClient.setQueryData(sessionQuery.queryKey, session);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<null>('/api/session', { method: 'DELETE' }),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      queryClient.setQueryData(sessionQuery.queryKey, null);
    },
  });
}
