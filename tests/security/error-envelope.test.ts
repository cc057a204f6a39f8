import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type LoggedIn, login, type TestContext } from '../helpers/test-app.ts';

/**
 * Every refusal, also those Fastify answers before any route runs, has the contract's shape
 * `{ error: { code, message } }` with a Dutch message (interface.md §4), never Fastify's own body.
 */
let ctx: TestContext;
let konnected: LoggedIn;
beforeAll(async () => {
  ctx = await createTestApp({ maxUploadBytes: 4096 });
  konnected = await login(ctx.app, 'konnected');
});
afterAll(async () => {
  await ctx.close();
});

const figures = '/api/dvos/deventer-konnected-2024/figures';

describe('error answers', () => {
  it.each([
    { name: 'a badly encoded address', method: 'GET', url: '/api/%c0', status: 400, code: 'bad_request' },
    { name: 'a badly encoded page address', method: 'GET', url: '/dvo/%c0', status: 400, code: 'bad_request' },
    { name: 'an unknown route', method: 'GET', url: '/api/bestaat-niet', status: 404, code: 'not_found' },
    { name: 'an unknown method', method: 'PROPFIND', url: '/api/health', status: 404, code: 'not_found' },
    {
      name: 'malformed JSON',
      method: 'POST',
      url: figures,
      type: 'application/json',
      payload: '{"figures": [',
      status: 400,
      code: 'bad_request',
    },
    {
      name: 'an empty JSON body',
      method: 'POST',
      url: figures,
      type: 'application/json',
      payload: '',
      status: 400,
      code: 'bad_request',
    },
    {
      name: 'a content type the API does not read',
      method: 'POST',
      url: figures,
      type: 'application/xml',
      payload: '<figures/>',
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      name: 'a body over the limit',
      method: 'POST',
      url: figures,
      type: 'application/json',
      payload: JSON.stringify({ figures: [], padding: 'x'.repeat(5000) }),
      status: 413,
      code: 'too_large',
    },
  ])('answers $name with $status and our error shape', async ({ method, url, type, payload, status, code }) => {
    const response = await ctx.app.inject({
      method: method as 'GET',
      url,
      headers: { ...konnected.headers(true), ...(type ? { 'content-type': type } : {}) },
      ...(payload === undefined ? {} : { payload }),
    });
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = response.json();
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe(code);
    // Dutch, and nothing of Fastify's internals
    expect(body.error.message).toMatch(/^[A-Z]\S* /);
    expect(response.body).not.toMatch(/FST_|statusCode|Bad Request/);
  });
});
