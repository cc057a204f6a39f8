import { queryOptions } from '@tanstack/react-query';
import type { Session } from '../../../shared/contracts/session.ts';
import { ApiError, api, setCsrfToken } from './api-client.ts';

/**
 * The session the server wrote into the page (server/shell.ts): known at the first render, so the
 * screen asked for is drawn at once. undefined when the page came without it (the Vite dev server).
 */
function sessionInPage(): Session | null | undefined {
  const content = document.querySelector('meta[name="dvo-session"]')?.getAttribute('content');
  if (!content) return undefined;
  try {
    const session = JSON.parse(content) as Session | null;
    setCsrfToken(session?.csrfToken ?? null);
    return session;
  } catch {
    return undefined;
  }
}

const initialSession = sessionInPage();

/**
 * The current session, or null when not logged in (a 401 is an answer here, not an error). One
 * definition for every feature: the login screen, role-dependent pages, the header.
 */
export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async ({ signal }): Promise<Session | null> => {
    try {
      const session = await api<Session>('/api/session', { signal });
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
  ...(initialSession === undefined ? {} : { initialData: initialSession, initialDataUpdatedAt: Date.now() }),
});
