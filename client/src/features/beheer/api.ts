import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  ApiTokenList,
  AuditList,
  CreatedApiToken,
  PasswordOnce,
  UserList,
} from '../../../../shared/contracts/admin.ts';
import type { ActivateResponse, DvoSummary } from '../../../../shared/contracts/dvos.ts';
import type { Role } from '../../../../shared/contracts/session.ts';
import type { MailSettings } from '../../../../shared/contracts/te-doen.ts';
import { api } from '../../lib/api-client.ts';

export { dvosQuery } from '../../lib/dvo-queries.ts';

export { sessionQuery } from '../../lib/session-query.ts';

export const usersQuery = queryOptions({
  queryKey: ['beheer', 'users'],
  queryFn: ({ signal }) => api<UserList>('/api/admin/users', { signal }),
});

/** One page of the audit log; the next page starts below the id of the last entry. */
export const AUDIT_PAGE_SIZE = 50;

export const auditQuery = infiniteQueryOptions({
  queryKey: ['beheer', 'audit'],
  queryFn: ({ signal, pageParam }) => {
    const params = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) });
    if (pageParam !== null) params.set('before', String(pageParam));
    return api<AuditList>(`/api/admin/audit?${params}`, { signal });
  },
  initialPageParam: null as number | null,
  getNextPageParam: (last) =>
    last.entries.length < AUDIT_PAGE_SIZE ? undefined : (last.entries[last.entries.length - 1]?.id ?? undefined),
});

/** The user's own tokens, or for a beheerder every user's. */
export const tokensQuery = queryOptions({
  queryKey: ['tokens'],
  queryFn: ({ signal }) => api<ApiTokenList>('/api/tokens', { signal }),
});

const userPath = (username: string) => `/api/admin/users/${encodeURIComponent(username)}`;

/** Every write on this page also wrote an audit entry. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return (...keys: string[][]) =>
    Promise.all([
      ...keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      queryClient.invalidateQueries({ queryKey: ['beheer', 'audit'] }),
    ]);
}

export interface NewUserInput {
  username: string;
  role: Role;
  organisation: string | null;
}

/** Adds a user; the server generates the password and returns it this once. */
export function useAddUser() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: NewUserInput) => api<PasswordOnce>('/api/admin/users', { method: 'POST', body: input }),
    onSuccess: () => invalidate(['beheer', 'users']),
  });
}

export interface UserChange {
  role?: Role;
  organisation?: string | null;
  disabled?: boolean;
  email?: string | null;
}

/** Whether this server sends reminder mails (SMTP_URL and MAIL_FROM set). */
export const mailStatusQuery = queryOptions({
  queryKey: ['te-doen', 'mail'],
  queryFn: ({ signal }) => api<MailSettings>('/api/todo/mail', { signal }),
});

export function useChangeUser(username: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (change: UserChange) => api<{ ok: true }>(userPath(username), { method: 'PATCH', body: change }),
    // a change of one's own role or access ends one's own session: the session query finds out
    onSuccess: () => invalidate(['beheer', 'users'], ['session']),
  });
}

export function useResetPassword(username: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => api<PasswordOnce>(`${userPath(username)}/password`, { method: 'POST' }),
    onSuccess: () => invalidate(['session']),
  });
}

export function useCreateToken() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (label: string) => api<CreatedApiToken>('/api/tokens', { method: 'POST', body: { label } }),
    onSuccess: () => invalidate(['tokens']),
  });
}

export function useRevokeToken(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => api<null>(`/api/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => invalidate(['tokens']),
  });
}

/** A new DVO as a draft (interface.md §7): from fields (empty or a copy of `from`) or a catalogue file. */
export type NewDvoInput =
  | {
      slug: string;
      name: string;
      year: number;
      opdrachtgever: OrganisationRef;
      opdrachtnemer: OrganisationRef;
      from?: string;
    }
  | { catalogue: unknown };

export type OrganisationRef = string | { slug: string; name: string; type: 'gemeente' | 'werkbedrijf' };

export function useCreateDvo() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: NewDvoInput) => api<DvoSummary>('/api/dvos', { method: 'POST', body: input }),
    onSuccess: () => invalidate(['dvos']),
  });
}

/** Activates a concept; with `carryOpen` last year's open deviations and action items come along (decision 0025). */
export function useActivateDvo(slug: string, onActivated?: (answer: ActivateResponse) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ carryOpen }: { carryOpen: boolean }) =>
      api<ActivateResponse>(`/api/dvos/${encodeURIComponent(slug)}/activate`, {
        method: 'POST',
        ...(carryOpen ? { body: { carryOpen: true } } : {}),
      }),
    // told before the lists are read again: the activated row loses its button (and this hook) then.
    // Carried threads and action items show up in every DVO's lists and in Te doen.
    onSuccess: (answer) => {
      onActivated?.(answer);
      return queryClient.invalidateQueries();
    },
  });
}
