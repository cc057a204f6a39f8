import { queryOptions } from '@tanstack/react-query';
import { type Session, SessionSchema } from '../../../shared/contracts/session.ts';
import { ApiError, api, setCsrfToken } from './api-client.ts';

/**
 * The current session, or null when not logged in (a 401 is an answer here, not an error). One
 * definition for every feature: the login screen, role-dependent pages, the header.
 */
export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async ({ signal }): Promise<Session | null> => {
    try {
      const session = await api('/api/session', SessionSchema, { signal });
      setCsrfToken(session.csrfToken);
      return session;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setCsrfToken(null);
        return null;
      }
      throw error;
    }
  },
  staleTime: 5 * 60_000,
});
