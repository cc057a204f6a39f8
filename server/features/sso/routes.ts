import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { sha256 } from '../../core/users/identity.ts';
import { requireUser, SESSION_COOKIE } from '../../plugins/auth.ts';
import { ErrorResponseSchema } from '../../schemas.ts';
import { endSession, finishLogin, loginOptions, SSO_BROWSER_COOKIE, SsoError, startLogin } from './service.ts';

export interface SsoRouteOptions {
  db: Db;
  now: () => Date;
  appUrl: string;
  sessionIdleMinutes: number;
  secureCookies: boolean;
}

const SlugParams = z.object({ slug: z.string().min(1).max(60) });

/**
 * After the provider redirects back, the session cookie (SameSite=Strict) is set on a page that moves
 * on by itself: a redirect chain that started at another site would not send a Strict cookie, a
 * navigation started by our own page does.
 */
function continuePage(target: string): string {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${target}"><title>Inloggen – dvo-monitor</title></head><body><p><a href="${target}">Verder naar dvo-monitor</a></p></body></html>`;
}

export async function ssoRoutes(app: FastifyInstance, opts: SsoRouteOptions): Promise<void> {
  const { db, now } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const rateLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

  r.get(
    '/api/sso/providers',
    {
      schema: {
        tags: ['sessie'],
        summary: 'De organisaties waarmee u kunt inloggen (single sign-on)',
        response: { 200: z.object({ providers: z.array(z.object({ slug: z.string(), organisation: z.string() })) }) },
      },
    },
    async () => ({ providers: loginOptions(db) }),
  );

  r.get(
    '/api/sso/:slug/login',
    {
      config: rateLimit,
      schema: {
        tags: ['sessie'],
        summary: 'Inloggen bij de identity provider van een organisatie (stuurt door)',
        params: SlugParams,
        response: { 302: z.null() },
      },
    },
    async (request, reply) => {
      try {
        const { url, browserSecret } = await startLogin(db, request.params.slug, opts.appUrl, now());
        reply.setCookie(SSO_BROWSER_COOKIE, browserSecret, {
          path: '/api/sso',
          httpOnly: true,
          // Lax: the provider sends the browser back with a top-level GET from its own site
          sameSite: 'lax',
          secure: opts.secureCookies,
          maxAge: 600,
        });
        return reply.redirect(url, 302);
      } catch (error) {
        return reply.redirect(`/?sso=${refusal(request.log, error)}`, 302);
      }
    },
  );

  r.get(
    '/api/sso/:slug/callback',
    {
      config: rateLimit,
      schema: {
        tags: ['sessie'],
        summary: 'Terugkomst van de identity provider (redirect URI)',
        params: SlugParams,
        response: { 200: z.string(), 302: z.null() },
      },
    },
    async (request, reply) => {
      reply.clearCookie(SSO_BROWSER_COOKIE, { path: '/api/sso' });
      try {
        const session = await finishLogin(
          db,
          {
            slug: request.params.slug,
            callbackUrl: new URL(request.url, opts.appUrl),
            browserSecret: request.cookies[SSO_BROWSER_COOKIE],
            appUrl: opts.appUrl,
            now: now(),
          },
          opts.sessionIdleMinutes,
        );
        reply.setCookie(SESSION_COOKIE, session.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: opts.secureCookies,
          maxAge: opts.sessionIdleMinutes * 60,
        });
        return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(continuePage('/'));
      } catch (error) {
        return reply.redirect(`/?sso=${refusal(request.log, error)}`, 302);
      }
    },
  );

  r.post(
    '/api/sso/logout',
    {
      onRequest: requireUser,
      schema: {
        tags: ['sessie'],
        summary: 'Uitloggen, ook bij de identity provider als die dat aanbiedt',
        response: { 200: z.object({ logoutUrl: z.string().nullable() }), 401: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      const logoutUrl = cookie ? await endSession(db, sha256(cookie), opts.appUrl) : null;
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { logoutUrl };
    },
  );
}

function refusal(log: { warn: (obj: object, msg: string) => void }, error: unknown): string {
  if (error instanceof SsoError) {
    log.warn({ reason: error.reason, detail: error.message }, 'sso login refused');
    return error.reason;
  }
  log.warn({ err: error }, 'sso login failed');
  return 'mislukt';
}
