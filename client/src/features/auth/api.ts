import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
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
    // also ends the session at the identity provider, when the user came through one that offers it
    mutationFn: () => api<{ logoutUrl: string | null }>('/api/sso/logout', { method: 'POST' }),
    onSuccess: ({ logoutUrl }) => {
      if (logoutUrl) window.location.assign(logoutUrl);
    },
    onSettled: () => {
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      queryClient.setQueryData(sessionQuery.queryKey, null);
    },
  });
}

/** The organisations whose staff log in through their own identity provider (single sign-on). */
export const ssoProvidersQuery = queryOptions({
  queryKey: ['sso-providers'],
  queryFn: ({ signal }) =>
    api<{ providers: { slug: string; organisation: string }[] }>('/api/sso/providers', { signal }),
  staleTime: 5 * 60_000,
});

/** Why a login through a provider was refused, from `?sso=` on the login screen. */
export const SSO_REFUSAL: Record<string, string> = {
  'geen-rol':
    'U bent bij uw organisatie ingelogd, maar uw account heeft geen rol in dvo-monitor. Vraag de beheerder van uw organisatie om toegang.',
  uitgeschakeld: 'Uw account in dvo-monitor is uitgeschakeld. Neem contact op met de beheerder.',
  verlopen: 'Het inloggen duurde te lang. Probeer het opnieuw.',
  onbekend: 'Inloggen via deze organisatie is niet (meer) mogelijk. Gebruik een andere manier of vraag de beheerder.',
  mislukt:
    'Inloggen via uw organisatie is mislukt. Probeer het opnieuw; lukt het niet, neem contact op met de beheerder.',
};
