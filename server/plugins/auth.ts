import { timingSafeEqual } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Db, isBusyError, preparedQuery } from '../../db/client.ts';
import { apiTokens, organisations, sessions, users } from '../../db/schema.ts';
import { type AuthUser, type Identity, sha256 } from '../core/users/identity.ts';
import type { Role } from '../core/users/repository.ts';
import { AppError } from '../errors.ts';

export const SESSION_COOKIE = 'dvo_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | null;
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Who is asking, with the organisation; shared by the session and the token lookup. */
const userColumns = {
  id: users.id,
  username: users.username,
  role: users.role,
  disabled: users.disabled,
  organisationId: users.organisationId,
  organisationSlug: organisations.slug,
  organisationName: organisations.name,
};

/*
 * Every request starts with one of these two lookups, so each is built and prepared once per
 * connection (decision 0015): building the query anew with the ORM cost more than the rest of a
 * cached GET /status together (decision 0006: rate doubled, p99 from 40 to 11–15 ms without it).
 * Measured with `npm run bench:queries`: 4–6 µs a lookup prepared once, the same as a raw statement,
 * against 180–360 µs built per call.
 */
function selectSessionUser(db: Db) {
  return db
    .select({ ...userColumns, csrfToken: sessions.csrfToken, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), gt(sessions.expiresAt, sql.placeholder('now'))))
    .prepare();
}

function selectTokenUser(db: Db) {
  return db
    .select({ ...userColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(apiTokens.tokenHash, sql.placeholder('tokenHash')), isNull(apiTokens.revokedAt)))
    .prepare();
}

function findSessionUser(db: Db, tokenHash: string, nowIso: string) {
  return preparedQuery(db, selectSessionUser).get({ tokenHash, now: nowIso });
}

function findTokenUser(db: Db, tokenHash: string) {
  return preparedQuery(db, selectTokenUser).get({ tokenHash });
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface AuthOptions {
  db: Db;
  now: () => Date;
  sessionIdleMinutes: number;
}

/**
 * Resolves who is asking, from the session cookie or a Bearer token, on every request; refreshes an
 * active session's expiry; and demands the CSRF header on every cookie-authenticated write.
 * Routes declare what they need with `requireUser` / `requireRole`.
 */
export const authPlugin = fp<AuthOptions>(
  async (app: FastifyInstance, { db, now, sessionIdleMinutes }) => {
    const idleMs = sessionIdleMinutes * 60_000;
    app.decorateRequest('user', null);

    app.addHook('onRequest', async (request) => {
      const nowDate = now();
      const nowIso = nowDate.toISOString();
      const authorization = request.headers.authorization;
      if (authorization?.startsWith('Bearer ')) {
        const found = findTokenUser(db, sha256(authorization.slice(7).trim()));
        if (!found || found.disabled) throw new AppError('unauthorized', 'Dit API-token is ongeldig of ingetrokken.');
        // recorded to the minute, so reads do not turn into a write each
        if (found.lastUsedAt === null || nowDate.getTime() - Date.parse(found.lastUsedAt) >= 60_000) {
          writeUnlessBusy(() =>
            db.update(apiTokens).set({ lastUsedAt: nowIso }).where(eq(apiTokens.id, found.tokenId)).run(),
          );
        }
        request.user = { ...toAuthUser(found), via: 'token', csrfToken: null, sessionExpiresAt: null };
        return;
      }
      const cookie = request.cookies[SESSION_COOKIE];
      if (!cookie) return;
      const tokenHash = sha256(cookie);
      const found = findSessionUser(db, tokenHash, nowIso);
      if (!found || found.disabled) return;
      let expiresAt = found.expiresAt;
      // refresh at most once a minute, so reads do not turn into a write each
      if (Date.parse(expiresAt) - nowDate.getTime() < idleMs - 60_000) {
        const refreshed = new Date(nowDate.getTime() + idleMs).toISOString();
        if (
          writeUnlessBusy(() =>
            db.update(sessions).set({ expiresAt: refreshed }).where(eq(sessions.tokenHash, tokenHash)).run(),
          )
        ) {
          expiresAt = refreshed;
        }
      }
      request.user = { ...toAuthUser(found), via: 'session', csrfToken: found.csrfToken, sessionExpiresAt: expiresAt };
    });

    app.addHook('preHandler', async (request) => {
      const user = request.user;
      if (user?.via !== 'session' || !WRITE_METHODS.has(request.method)) return;
      // logging in again while a session is still active must work without the old CSRF token
      if (request.method === 'POST' && request.routeOptions.url === '/api/session') return;
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !user.csrfToken || !safeEqual(header, user.csrfToken)) {
        throw new AppError('forbidden', 'De beveiligingscode (CSRF) ontbreekt of klopt niet. Laad de pagina opnieuw.');
      }
    });
  },
  { name: 'auth', dependencies: ['@fastify/cookie'] },
);

/**
 * Runs a bookkeeping write of the auth hook (a session's new expiry, a token's last use); while another
 * process holds the write lock it is skipped, a later request does it, and the request itself goes on.
 */
function writeUnlessBusy(write: () => void): boolean {
  try {
    write();
    return true;
  } catch (error) {
    if (isBusyError(error)) return false;
    throw error;
  }
}

function toAuthUser(row: Identity): Identity {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    organisationId: row.organisationId,
    organisationSlug: row.organisationSlug,
    organisationName: row.organisationName,
  };
}

/**
 * Route `onRequest` hook: 401 unless logged in. Runs before body parsing and validation, so an
 * anonymous request never gets its upload read nor a validation message.
 */
export async function requireUser(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (!request.user) throw new AppError('unauthorized', 'U bent niet ingelogd.');
}

/** Route `onRequest` hook factory: 401 unless logged in, 403 unless one of `roles`. */
export function requireRole(...roles: Role[]) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await requireUser(request, reply);
    if (!roles.includes((request.user as AuthUser).role)) {
      throw new AppError('forbidden', 'U heeft geen rechten voor deze handeling.');
    }
  };
}

/** The signed-in user; only call after `requireUser`. */
export function currentUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw new AppError('unauthorized', 'U bent niet ingelogd.');
  return request.user;
}
