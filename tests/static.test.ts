import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../db/client.ts';
import { buildApp, CLIENT_DIST } from '../server/app.ts';

let app: FastifyInstance;
beforeAll(async () => {
  // dist/client is built by the global setup (tests/setup/build-client.ts)
  app = await buildApp({
    db: openDb(':memory:'),
    config: { maxUploadBytes: 1024, sessionIdleMinutes: 60, secureCookies: false, logLevel: 'silent' },
    logger: false,
  });
});
afterAll(async () => {
  await app.close();
});

describe('serving the client', () => {
  it('answers every page route with the app shell, without inline scripts, under a strict CSP', async () => {
    for (const url of ['/', '/dvo/deventer-konnected-2024/maand/2024-06', '/beheer']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toMatch(/script-src 'self'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).not.toMatch(/unsafe-inline/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('same-origin');
    }
  });

  it('serves hashed assets compressed and cached for a year, and a missing asset as 404', async () => {
    const script = readdirSync(path.join(CLIENT_DIST, 'assets')).find((f) => /^index-.*\.js$/.test(f));
    const response = await app.inject({ url: `/assets/${script}`, headers: { 'accept-encoding': 'gzip' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ url: '/assets/bestaat-niet.js' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/bestaat-niet' })).json().error.code).toBe('not_found');
  });
});
