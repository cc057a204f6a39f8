import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestContext } from '../../../tests/helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx.close();
});

describe('DVO routes', () => {
  it('answers 401 with a Dutch message to every DVO route when not logged in', async () => {
    for (const url of ['/api/dvos', '/api/dvos/deventer-konnected-2024/indicators', '/api/session']) {
      const response = await ctx.app.inject({ url });
      expect(response.statusCode, url).toBe(401);
      expect(response.json().error.code).toBe('unauthorized');
      expect(response.json().error.message).toBe('U bent niet ingelogd.');
    }
  });

  it('shows a gemeente user only the DVOs its organisation is party to', async () => {
    const session = await login(ctx.app, 'gemeente');
    const response = await ctx.app.inject({ url: '/api/dvos', headers: session.headers() });
    expect(response.statusCode).toBe(200);
    expect(response.json().dvos.map((d: { slug: string }) => d.slug)).toEqual(['deventer-konnected-2024']);
  });

  it('shows the beheerder every DVO', async () => {
    const session = await login(ctx.app, 'admin');
    const response = await ctx.app.inject({ url: '/api/dvos', headers: session.headers() });
    expect(response.json().dvos).toHaveLength(2);
  });

  it('lists the catalogue with norms and their source', async () => {
    const session = await login(ctx.app, 'konnected');
    const response = await ctx.app.inject({
      url: '/api/dvos/deventer-konnected-2024/indicators',
      headers: session.headers(),
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.dvo.opdrachtgever.slug).toBe('gemeente-deventer');
    expect(body.dvo.opdrachtnemer.slug).toBe('konnected');
    const uitstroom = body.indicators.find((i: { code: string }) => i.code === 'uitstroom');
    expect(uitstroom.norm).toEqual({ basis: 'annual', kind: 'min', value: 400 });
    expect(uitstroom.source.reference).toMatch(/art\. 7/);
    const verzuim = body.indicators.find((i: { code: string }) => i.code === 'wsw_verzuim');
    expect(verzuim.source.placeholder).toBe(true);
  });

  it('answers 404 for an unknown DVO and for a DVO of another organisation alike', async () => {
    const session = await login(ctx.app, 'gemeente');
    const unknown = await ctx.app.inject({ url: '/api/dvos/bestaat-niet/indicators', headers: session.headers() });
    const other = await ctx.app.inject({
      url: '/api/dvos/raalte-werkbedrijf-2025/indicators',
      headers: session.headers(),
    });
    expect(unknown.statusCode).toBe(404);
    expect(other.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
  });

  it('answers health and the OpenAPI document without login', async () => {
    expect((await ctx.app.inject({ url: '/api/health' })).json()).toEqual({ status: 'ok' });
    const openapi = await ctx.app.inject({ url: '/api/openapi.json' });
    expect(openapi.statusCode).toBe(200);
    expect(openapi.json().openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.json().paths)).toContain('/api/dvos/{dvo}/indicators');
  });
});
