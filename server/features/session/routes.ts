import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { organisations, sessions, users } from '../../../db/schema.ts';
import { LoginRequestSchema, type Session, SessionSchema } from '../../../shared/contracts/session.ts';
import { type AuthUser, newToken, sha256 } from '../../core/users/identity.ts';
import { verifyPassword } from '../../core/users/passwords.ts';
import { AppError } from '../../errors.ts';
import { requireUser, SESSION_COOKIE } from '../../plugins/auth.ts';
import { ErrorResponseSchema } from '../../schemas.ts';
import { LoginThrottle } from './login-throttle.ts';

export interface SessionRouteOptions {
  db: Db;
  now: () => Date;
  sessionIdleMinutes: number;
  secureCookies: boolean;
  loginAttemptsPerMinute: number;
}

const INVALID_LOGIN = 'Gebruikersnaam of wachtwoord is onjuist.';

export async function sessionRoutes(app: FastifyInstance, opts: SessionRouteOptions): Promise<void> {
  const { db, now } = opts;
  const throttle = new LoginThrottle();
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/session',
    {
      schema: {
        tags: ['sessie'],
        summary: 'Inloggen',
        body: LoginRequestSchema,
        response: { 200: SessionSchema, 400: ErrorResponseSchema, 401: ErrorResponseSchema, 429: ErrorResponseSchema },
      },
      config: { rateLimit: { max: opts.loginAttemptsPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const at = now().getTime();
      if (throttle.isBlocked(username.trim(), request.ip, at)) {
        throw new AppError(
          'rate_limited',
          'Te veel mislukte pogingen voor deze gebruiker vanaf dit adres. Probeer het over 15 minuten opnieuw.',
        );
      }
      const user = db
        .select({
          id: users.id,
          username: users.username,
          role: users.role,
          passwordHash: users.passwordHash,
          disabled: users.disabled,
          orgSlug: organisations.slug,
          orgName: organisations.name,
        })
        .from(users)
        .leftJoin(organisations, eq(organisations.id, users.organisationId))
        .where(eq(users.username, username.trim()))
        .get();
      // the hash runs for unknown and disabled users too, so timing does not tell them apart
      const matches = await verifyPassword(user?.passwordHash ?? null, password);
      if (!user || user.disabled || !matches) {
        throttle.recordFailure(username.trim(), request.ip, at);
        throw new AppError('unauthorized', INVALID_LOGIN);
      }
      throttle.recordSuccess(username.trim(), request.ip);
      const token = newToken();
      const csrfToken = newToken();
      const createdAt = now();
      const expiresAt = new Date(createdAt.getTime() + opts.sessionIdleMinutes * 60_000).toISOString();
      db.insert(sessions)
        .values({ tokenHash: sha256(token), userId: user.id, csrfToken, createdAt: createdAt.toISOString(), expiresAt })
        .run();
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: opts.secureCookies,
        maxAge: opts.sessionIdleMinutes * 60,
      });
      return {
        user: {
          username: user.username,
          role: user.role,
          organisation: user.orgSlug && user.orgName ? { slug: user.orgSlug, name: user.orgName } : null,
        },
        csrfToken,
        expiresAt,
      };
    },
  );

  r.get(
    '/api/session',
    {
      onRequest: requireUser,
      schema: { tags: ['sessie'], summary: 'Wie ben ik', response: { 200: SessionSchema, 401: ErrorResponseSchema } },
    },
    async (request) => {
      const session = currentSession(request);
      if (!session) throw new AppError('unauthorized', 'U bent niet ingelogd.');
      return session;
    },
  );

  r.delete(
    '/api/session',
    {
      onRequest: requireUser,
      schema: { tags: ['sessie'], summary: 'Uitloggen', response: { 204: z.null(), 401: ErrorResponseSchema } },
    },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie)
        db.delete(sessions)
          .where(eq(sessions.tokenHash, sha256(cookie)))
          .run();
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
}

/**
 * What `GET /api/session` answers for this request, or null when nobody is logged in. Also written
 * into the page the browser loads (server/shell.ts), so the app knows its user without a round trip.
 */
export function currentSession(request: FastifyRequest): Session | null {
  const user = request.user;
  if (!user) return null;
  // an API token has no session: who it belongs to, with no CSRF token to use
  return sessionBody(user, user.csrfToken ?? '', user.sessionExpiresAt ?? '');
}

function sessionBody(user: AuthUser, csrfToken: string, expiresAt: string): Session {
  return {
    user: {
      username: user.username,
      role: user.role,
      organisation:
        user.organisationSlug && user.organisationName
          ? { slug: user.organisationSlug, name: user.organisationName }
          : null,
    },
    csrfToken,
    expiresAt,
  };
}
