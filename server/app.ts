import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import type { Config } from './config.ts';
import { dvoAccessPlugin } from './core/dvo-access.ts';
import { type StatusWarmer, startStatusWarmer } from './core/evaluation/warmer.ts';
import { type Mailer, startMailer } from './core/mail/mailer.ts';
import { AppError } from './errors.ts';
import { adminRoutes } from './features/admin/routes.ts';
import { assessmentRoutes } from './features/assessments/routes.ts';
import { deviationRoutes } from './features/deviations/routes.ts';
import { dvoRoutes } from './features/dvos/routes.ts';
import { evaluationRoutes } from './features/evaluation/routes.ts';
import { figureRoutes } from './features/figures/routes.ts';
import { importRoutes } from './features/imports/routes.ts';
import { meetingRoutes } from './features/meetings/routes.ts';
import { periodRoutes } from './features/periods/routes.ts';
import { startSessionPurge } from './features/session/purge.ts';
import { currentSession, sessionRoutes } from './features/session/routes.ts';
import { ssoRoutes } from './features/sso/routes.ts';
import { statusRoutes } from './features/status/routes.ts';
import { todoRoutes } from './features/todo/routes.ts';
import { tokenRoutes } from './features/tokens/routes.ts';
import { authPlugin } from './plugins/auth.ts';
import { answerFrameworkError, errorsPlugin } from './plugins/errors.ts';
import { renderShell } from './shell.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Present when the app was built with `warmEvaluations`. */
    statusWarmer?: StatusWarmer;
    /** Present when mail is configured (SMTP_URL and MAIL_FROM): the reminder sender. */
    mailer?: Mailer;
  }
}

export const CLIENT_DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'client');

export interface AppOptions {
  db: Db;
  config: Pick<Config, 'maxUploadBytes' | 'sessionIdleMinutes' | 'secureCookies' | 'logLevel'> &
    Partial<Pick<Config, 'xlsxIdleTimeoutMs' | 'appUrl' | 'mail'>>;
  /** The clock; tests move it to check expiry and `asOf`. */
  now?: () => Date;
  /** Login attempts per address per minute (default 10); the access-matrix test raises it. */
  loginAttemptsPerMinute?: number;
  /** Serve the built client from dist/client when it exists (default true). */
  serveClient?: boolean;
  /**
   * Evaluate every DVO month in the background after start and after each change (default false;
   * `npm start` turns it on), so requests find their evaluation ready. See decision 0006.
   */
  warmEvaluations?: boolean;
  logger?: boolean;
  /** Reminder timings (tests shorten them; `intervalMs: 0` = only on `app.mailer.tick()`). */
  mailTimings?: { intervalMs?: number; retryBaseMs?: number; smtpTimeoutMs?: number };
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db, config } = options;
  const now = options.now ?? (() => new Date());
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    bodyLimit: config.maxUploadBytes,
    trustProxy: false,
    frameworkErrors: answerFrameworkError,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorsPlugin);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        // only behind HTTPS: on plain http://127.0.0.1 it would break every asset request
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    hsts: config.secureCookies,
  });
  // gzip/brotli for the client's assets and large JSON answers, when the browser asks for it
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10, parts: 12 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'dvo-monitor API', version: '1.0.0', description: 'Monitoring van DVO-resultaatafspraken' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'dvo_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(authPlugin, { db, now, sessionIdleMinutes: config.sessionIdleMinutes });
  await app.register(dvoAccessPlugin, { db });

  const r = app.withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>();
  r.get(
    '/api/health',
    {
      schema: {
        tags: ['systeem'],
        summary: 'Leeft de server',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  r.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(sessionRoutes, {
    db,
    now,
    sessionIdleMinutes: config.sessionIdleMinutes,
    secureCookies: config.secureCookies,
    loginAttemptsPerMinute: options.loginAttemptsPerMinute ?? 10,
  });
  await app.register(ssoRoutes, {
    db,
    now,
    appUrl: config.appUrl ?? 'http://127.0.0.1:3000',
    sessionIdleMinutes: config.sessionIdleMinutes,
    secureCookies: config.secureCookies,
  });
  const sessionPurge = startSessionPurge(db, { now, log: app.log });
  app.addHook('onClose', async () => sessionPurge.stop());
  await app.register(dvoRoutes, { db, now });
  await app.register(statusRoutes, { db, now });
  await app.register(evaluationRoutes, { db, now });
  if (options.warmEvaluations) {
    const warmer = startStatusWarmer(db, { now, log: app.log });
    app.decorate('statusWarmer', warmer);
    app.addHook('onClose', async () => warmer.stop());
  }
  await app.register(periodRoutes, { db, now });
  await app.register(figureRoutes, { db, now });
  await app.register(importRoutes, { db, now, xlsxIdleTimeoutMs: config.xlsxIdleTimeoutMs });
  await app.register(adminRoutes, { db, now });
  await app.register(tokenRoutes, { db, now });
  await app.register(assessmentRoutes, { db, now });
  await app.register(deviationRoutes, { db, now });
  await app.register(meetingRoutes, { db, now });
  await app.register(todoRoutes, { db, now, mailEnabled: Boolean(config.mail) });
  if (config.mail) {
    const mailer = startMailer(db, {
      smtpUrl: config.mail.smtpUrl,
      from: config.mail.from,
      appUrl: config.appUrl ?? 'http://127.0.0.1:3000',
      now,
      log: app.log,
      ...options.mailTimings,
    });
    app.decorate('mailer', mailer);
    app.addHook('onClose', async () => mailer.stop());
  }

  const serveClient = (options.serveClient ?? true) && existsSync(path.join(CLIENT_DIST, 'index.html'));
  if (serveClient) {
    // wildcard: files are looked up per request, so a rebuilt client is served without a restart
    await app.register(fastifyStatic, {
      root: CLIENT_DIST,
      wildcard: true,
      // the shell is rendered per request with the session in it (below)
      index: false,
      // hashed asset names never change content: cache them for a year; index.html is revalidated
      setHeaders: (reply, filePath) => {
        reply.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  const sendShell = async (request: FastifyRequest, reply: FastifyReply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(await renderShell(CLIENT_DIST, currentSession(request)));
  if (serveClient) app.get('/', { schema: { hide: true } }, sendShell);
  app.setNotFoundHandler(async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    // a page route (no file extension) gets the app shell; a missing asset or API route stays a 404
    const isPage = !pathname.startsWith('/api') && !/\.[a-z0-9]+$/i.test(pathname);
    if ((request.method === 'GET' || request.method === 'HEAD') && serveClient && isPage) {
      // client-side routes: the SPA shell decides
      return sendShell(request, reply);
    }
    throw new AppError('not_found', `Onbekend adres: ${request.method} ${request.url.split('?')[0]}`);
  });
  return app;
}
