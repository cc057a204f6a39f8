import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { type Db, openDb } from '../../db/client.ts';
import { loadCatalogueFile } from '../../fixtures/catalogue.ts';
import { buildApp } from '../../server/app.ts';
import { loadCatalogue } from '../../server/core/catalogue.ts';
import { createUser, type Role } from '../../server/core/users/repository.ts';
import { loadDemoData } from '../../server/demo.ts';
import { prepareDatabase } from '../../server/setup.ts';

export const TEST_PASSWORD = 'correct-horse-battery';

export const SECOND_DVO_FILE = path.join(
  import.meta.dirname,
  '..',
  '..',
  'fixtures',
  'test-dvos',
  'raalte-werkbedrijf-2025.json',
);

export interface TestContext {
  app: FastifyInstance;
  db: Db;
  dbFile: string;
  clock: { now: Date };
  close(): Promise<void>;
}

export interface TestAppOptions {
  now?: Date;
  maxUploadBytes?: number;
  loginAttemptsPerMinute?: number;
  serveClient?: boolean;
  /** Where the app says it lives (SSO redirect URIs); default http://127.0.0.1:3000. */
  appUrl?: string;
  /** Load the demo figures, deviation threads and meetings (as `npm start` does) once the app is ready. */
  demo?: boolean;
}

/**
 * A real app on its own migrated SQLite file in a temp folder, with the shipped catalogue, the
 * second (fictitious) DVO, and one user per role per organisation. No mocks of our own code.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestContext> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dvo-test-'));
  const dbFile = path.join(dir, 'test.db');
  const db = openDb(dbFile);
  prepareDatabase(db, { info: () => undefined });
  loadCatalogue(db, loadCatalogueFile(SECOND_DVO_FILE));
  const clock = { now: options.now ?? new Date('2024-10-15T09:00:00.000Z') };
  const users: [string, Role, string | null][] = [
    ['admin', 'beheerder', null],
    ['gemeente', 'opdrachtgever', 'gemeente-deventer'],
    ['konnected', 'opdrachtnemer', 'konnected'],
    ['lezer', 'lezer', 'gemeente-deventer'],
  ];
  for (const [username, role, organisation] of users) {
    await createUser(db, { username, password: TEST_PASSWORD, role, organisation }, clock.now);
  }
  const app = await buildApp({
    db,
    config: {
      maxUploadBytes: options.maxUploadBytes ?? 20 * 1024 * 1024,
      sessionIdleMinutes: 60,
      xlsxIdleTimeoutMs: 1000,
      secureCookies: false,
      logLevel: 'silent',
      ...(options.appUrl ? { appUrl: options.appUrl } : {}),
    },
    now: () => clock.now,
    ...(options.loginAttemptsPerMinute ? { loginAttemptsPerMinute: options.loginAttemptsPerMinute } : {}),
    serveClient: options.serveClient ?? false,
    logger: false,
  });
  await app.ready();
  if (options.demo) await loadDemoData(db, { info: () => undefined });
  return {
    app,
    db,
    dbFile,
    clock,
    async close() {
      await app.close();
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface LoggedIn {
  cookie: string;
  csrfToken: string;
  /** Headers for a cookie-authenticated request; `write` adds the CSRF header. */
  headers(write?: boolean): Record<string, string>;
}

/** Logs in as the login form does (`POST /api/session`), without judging the answer. */
export function attemptLogin(app: FastifyInstance, username: string, password = TEST_PASSWORD) {
  return app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
}

export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<LoggedIn> {
  const response = await attemptLogin(app, username, password);
  if (response.statusCode !== 200) throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
  const cookie = cookieFrom(response);
  const csrfToken = response.json().csrfToken as string;
  return {
    cookie,
    csrfToken,
    headers: (write = false): Record<string, string> => (write ? { cookie, 'x-csrf-token': csrfToken } : { cookie }),
  };
}

export function cookieFrom(response: LightMyRequestResponse): string {
  const setCookie = response.headers['set-cookie'];
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!first) throw new Error('no set-cookie header');
  return first.split(';')[0] as string;
}

/** The four users createTestApp makes, one per role, each signed in. */
export interface TestUsers {
  admin: LoggedIn;
  gemeente: LoggedIn;
  konnected: LoggedIn;
  lezer: LoggedIn;
}

/** A test file's app and its signed-in users; filled in before the file's first test. */
export type TestSession = TestContext & TestUsers;

/**
 * One app for a whole test file: made, with every user of createTestApp signed in, before its first
 * test (and before any `beforeAll` registered after this call), closed after its last.
 */
export function setupTestApp(options: TestAppOptions = {}): TestSession {
  const session = {} as TestSession;
  beforeAll(async () => {
    const ctx = await createTestApp(options);
    Object.assign(session, ctx);
    for (const username of ['admin', 'gemeente', 'konnected', 'lezer'] as const)
      session[username] = await login(ctx.app, username);
  });
  afterAll(async () => {
    await session.close?.();
  });
  return session;
}
