import { createHash, randomBytes } from 'node:crypto';
import type { Role } from './repository.ts';

/** A user with their organisation: what every request's login lookup (session or token) finds. */
export interface Identity {
  id: number;
  username: string;
  role: Role;
  organisationId: number | null;
  organisationSlug: string | null;
  organisationName: string | null;
}

/** Who is asking, as the auth plugin resolved it for this request. */
export interface AuthUser extends Identity {
  /** How the request authenticated: a browser session (needs CSRF on writes) or a personal API token. */
  via: 'session' | 'token';
  csrfToken: string | null;
  /** When the browser session ends unless used again (after this request's refresh); null for a token. */
  sessionExpiresAt: string | null;
}

/** Sessions and API tokens are stored by this hash only, never as themselves. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A new secret for a session cookie, an API token or a sign-in state. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}
