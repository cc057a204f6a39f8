import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../../../tests/helpers/multipart.ts';
import {
  createTestApp,
  type LoggedIn,
  login,
  TEST_PASSWORD,
  type TestContext,
} from '../../../tests/helpers/test-app.ts';
import { createUser } from '../../core/users/repository.ts';

const FROM = 'deventer-konnected-2024';
let ctx: TestContext;
let admin: LoggedIn;

beforeAll(async () => {
  ctx = await createTestApp();
  await createUser(
    ctx.db,
    { username: 'raalte-gemeente', password: TEST_PASSWORD, role: 'opdrachtgever', organisation: 'gemeente-raalte' },
    ctx.clock.now,
  );
  admin = await login(ctx.app, 'admin');
});
afterAll(async () => {
  await ctx.close();
});

async function post(url: string, payload: unknown, who: LoggedIn = admin) {
  return ctx.app.inject({ method: 'POST', url, headers: who.headers(true), payload: payload as object });
}

async function get(url: string, who: LoggedIn = admin) {
  return ctx.app.inject({ url, headers: who.headers() });
}

const next = (slug: string, extra: Record<string, unknown> = {}) => ({
  slug,
  name: `DVO 2025 ${slug}`,
  year: 2025,
  opdrachtgever: 'gemeente-deventer',
  opdrachtnemer: 'konnected',
  ...extra,
});

describe('next year’s DVO', () => {
  it('copies last year’s agreements, norms and chapters into a draft that points back at them', async () => {
    const created = await post('/api/dvos', next('dvo-2025-kopie', { from: FROM }));
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ slug: 'dvo-2025-kopie', year: 2025, state: 'draft' });
    const before = (await get(`/api/dvos/${FROM}/indicators`)).json();
    const after = (await get('/api/dvos/dvo-2025-kopie/indicators')).json();
    expect(after.dvo.chapters).toEqual(before.dvo.chapters);
    expect(after.indicators.map((i: { code: string }) => i.code)).toEqual(
      before.indicators.map((i: { code: string }) => i.code),
    );
    const uitstroom = after.indicators.find((i: { code: string }) => i.code === 'uitstroom');
    expect(uitstroom.norm).toEqual({ basis: 'annual', kind: 'min', value: 400 });
    expect(uitstroom.previous).toEqual({ dvo: FROM, code: 'uitstroom' });
    expect(before.indicators.every((i: { previous: unknown }) => i.previous === null)).toBe(true);
    // its own dates move with the year: the MTO due in Q1 2024 is due in Q1 2025
    expect(after.indicators.find((i: { code: string }) => i.code === 'wsw_mto_tevreden').duePeriod).toBe('2025-Q1');
  });

  it('copies the latest norm version of an agreement, not its first catalogue entry', async () => {
    const version = await post(`/api/dvos/${FROM}/indicators/lks_nieuw/norms`, {
      norm: { basis: 'annual', kind: 'min', value: 45 },
      source: 'Bestuurlijk overleg oktober',
      provisional: false,
      effectiveFrom: '2024-10',
      reason: 'bijgesteld',
    });
    expect(version.statusCode).toBe(201);
    const made = await post('/api/dvos', next('dvo-2025-nieuwste-norm', { from: FROM }));
    expect(made.statusCode, made.body.slice(0, 400)).toBe(201);
    const exported = await get('/api/dvos/dvo-2025-nieuwste-norm/catalogue');
    expect(exported.statusCode, exported.body.slice(0, 400)).toBe(200);
    const copied = exported.json();
    const lks = copied.indicators.find((i: { code: string }) => i.code === 'lks_nieuw');
    expect(lks.norm).toEqual({ basis: 'annual', kind: 'min', value: 45 });
    const history = (await get('/api/dvos/dvo-2025-nieuwste-norm/indicators/lks_nieuw/norms')).json();
    expect(JSON.stringify(history)).toContain('45');
  });

  it('creates an empty DVO for a new gemeente–werkbedrijf pair, with both organisations', async () => {
    const created = await post('/api/dvos', {
      slug: 'olst-wijhe-2025',
      name: 'DVO 2025 Olst-Wijhe – Werkbedrijf Salland',
      year: 2025,
      opdrachtgever: { slug: 'gemeente-olst-wijhe', name: 'Gemeente Olst-Wijhe', type: 'gemeente' },
      opdrachtnemer: { slug: 'werkbedrijf-salland', name: 'Werkbedrijf Salland', type: 'werkbedrijf' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().opdrachtgever).toEqual({
      slug: 'gemeente-olst-wijhe',
      name: 'Gemeente Olst-Wijhe',
      type: 'gemeente',
    });
    expect((await get('/api/dvos/olst-wijhe-2025/indicators')).json().indicators).toEqual([]);
    const activate = await post('/api/dvos/olst-wijhe-2025/activate', {});
    expect(activate.statusCode).toBe(422);
    expect(activate.json().error.message).toMatch(/nog geen afspraken/);
  });

  it('refuses a slug in use with 409 and bad fields with 422 listing each, storing nothing', async () => {
    const count = (await get('/api/dvos')).json().dvos.length;
    const dup = await post('/api/dvos', next(FROM, { from: FROM }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toMatch(/bestaat al een DVO/);
    const bad = await post('/api/dvos', { slug: 'Met Spaties', name: '', year: 1999, opdrachtgever: 'onbekend' });
    expect(bad.statusCode).toBe(422);
    const columns = bad.json().error.details.map((d: { column: string }) => d.column);
    expect(columns).toEqual(expect.arrayContaining(['slug', 'name', 'year', 'opdrachtnemer']));
    const unknownOrg = await post('/api/dvos', next('x-2025', { opdrachtgever: 'gemeente-nergens' }));
    expect(unknownOrg.statusCode).toBe(422);
    expect(unknownOrg.json().error.details[0]).toMatchObject({ column: 'opdrachtgever' });
    const unknownFrom = await post('/api/dvos', next('y-2025', { from: 'bestaat-niet' }));
    expect(unknownFrom.statusCode).toBe(422);
    expect(unknownFrom.json().error.details[0]).toMatchObject({ column: 'from' });
    const notJson = await ctx.app.inject({
      method: 'POST',
      url: '/api/dvos',
      headers: { ...admin.headers(true), 'content-type': 'application/json' },
      payload: '[1,2',
    });
    expect(notJson.statusCode).toBe(400);
    expect((await get('/api/dvos')).json().dvos.length).toBe(count);
  });

  it('exports a catalogue that imports as a new DVO and exports again the same apart from its slug', async () => {
    const exported = await get(`/api/dvos/${FROM}/catalogue`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain(`${FROM}.json`);
    const catalogue = exported.json();
    expect(catalogue.indicators.length).toBeGreaterThan(30);
    const imported = await post('/api/dvos', { catalogue: { ...catalogue, slug: 'deventer-kopie' } });
    expect(imported.statusCode).toBe(201);
    expect(imported.json().state).toBe('draft');
    const again = (await get('/api/dvos/deventer-kopie/catalogue')).json();
    expect({ ...again, slug: FROM }).toEqual(catalogue);
  });

  it('refuses an invalid catalogue with 422, naming the agreement and field', async () => {
    const catalogue = (await get(`/api/dvos/${FROM}/catalogue`)).json();
    catalogue.slug = 'kapot-2025';
    catalogue.indicators[6].norm = { basis: 'annual', kind: 'min', value: -5 };
    const response = await post('/api/dvos', { catalogue });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0].column).toMatch(/^catalogue\.indicators\.6 \(uitstroom\)\.norm/);
    expect((await get('/api/dvos/kapot-2025/indicators')).statusCode).toBe(404);
  });

  it('shows a draft only to beheerders and the opdrachtgevers of its two organisations', async () => {
    await post('/api/dvos', next('concept-2025', { from: FROM }));
    const gemeente = await login(ctx.app, 'gemeente');
    const konnected = await login(ctx.app, 'konnected');
    const lezer = await login(ctx.app, 'lezer');
    const raalte = await login(ctx.app, 'raalte-gemeente');
    const slugs = async (who: LoggedIn) =>
      (await get('/api/dvos', who)).json().dvos.map((d: { slug: string }) => d.slug) as string[];
    expect(await slugs(gemeente)).toContain('concept-2025');
    expect(await slugs(konnected)).not.toContain('concept-2025');
    expect(await slugs(lezer)).not.toContain('concept-2025');
    expect(await slugs(raalte)).not.toContain('concept-2025');
    expect((await get('/api/dvos/concept-2025/indicators', gemeente)).statusCode).toBe(200);
    expect((await get('/api/dvos/concept-2025/indicators', konnected)).statusCode).toBe(404);
    expect((await get('/api/dvos/concept-2025/status?period=2025-01', lezer)).statusCode).toBe(404);
  });

  it('takes no figures, files or statuses into a draft, and does once it is activated', async () => {
    await post('/api/dvos', next('lever-2025', { from: FROM }));
    const figures = { figures: [{ indicator: 'lks_nieuw', period: '2025-01', value: 3 }] };
    const refused = await post('/api/dvos/lever-2025/figures', figures);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/concept.*niets opgeslagen/);
    const file = multipartFile('lever.csv', 'indicator,periode,waarde\nlks_nieuw,2025-01,3\n');
    const upload = await ctx.app.inject({
      method: 'POST',
      url: '/api/dvos/lever-2025/imports',
      headers: { ...admin.headers(true), ...file.headers },
      payload: file.payload,
    });
    expect(upload.statusCode).toBe(409);
    const status = await ctx.app.inject({
      method: 'PUT',
      url: '/api/dvos/lever-2025/assessments/kwal_kto/2025-Q1',
      headers: admin.headers(true),
      payload: { status: 'on_track', narrative: 'concept' },
    });
    expect(status.statusCode).toBe(409);
    expect((await get('/api/dvos/lever-2025/figures?indicator=lks_nieuw')).json().figures).toEqual([]);

    const activated = await post('/api/dvos/lever-2025/activate', {});
    expect(activated.statusCode).toBe(200);
    expect(activated.json().state).toBe('active');
    expect((await post('/api/dvos/lever-2025/activate', {})).statusCode).toBe(409);
    ctx.clock.now = new Date('2025-02-20T09:00:00.000Z');
    try {
      // the session of October 2024 has long expired by then
      const later = await login(ctx.app, 'admin');
      const delivered = await post('/api/dvos/lever-2025/figures', figures, later);
      expect(delivered.statusCode).toBe(201);
      const konnected = await login(ctx.app, 'konnected');
      expect((await get('/api/dvos', konnected)).json().dvos.map((d: { slug: string }) => d.slug)).toContain(
        'lever-2025',
      );
    } finally {
      ctx.clock.now = new Date('2024-10-15T09:00:00.000Z');
    }
  });

  it('matches an agreement with last year’s by hand when its code changed, and refuses an unknown one', async () => {
    await post('/api/dvos', next('hernoemd-2025', { from: FROM }));
    const url = '/api/dvos/hernoemd-2025/indicators/lks_nieuw/previous';
    const put = (payload: unknown) =>
      ctx.app.inject({ method: 'PUT', url, headers: admin.headers(true), payload: payload as object });
    const set = await put({ previous: { dvo: FROM, code: 'lks_behoud' } });
    expect(set.statusCode).toBe(200);
    const list = (await get('/api/dvos/hernoemd-2025/indicators')).json();
    expect(list.indicators.find((i: { code: string }) => i.code === 'lks_nieuw').previous).toEqual({
      dvo: FROM,
      code: 'lks_behoud',
    });
    const unknown = await put({ previous: { dvo: FROM, code: 'bestaat_niet' } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.details[0].message).toMatch(/geen afspraak 'bestaat_niet'/);
    expect((await put({ previous: null })).statusCode).toBe(200);
  });

  it('lets only a beheerder create or activate, and an organisation’s beheerder only for its own organisation', async () => {
    const gemeente = await login(ctx.app, 'gemeente');
    expect((await post('/api/dvos', next('niet-van-mij', { from: FROM }), gemeente)).statusCode).toBe(403);
    await createUser(
      ctx.db,
      { username: 'raalte-beheer', password: TEST_PASSWORD, role: 'beheerder', organisation: 'gemeente-raalte' },
      ctx.clock.now,
    );
    const raalteBeheer = await login(ctx.app, 'raalte-beheer');
    expect((await post('/api/dvos', next('ook-niet', { from: FROM }), raalteBeheer)).statusCode).toBe(403);
    const own = await post(
      '/api/dvos',
      next('raalte-2026', { opdrachtgever: 'gemeente-raalte', opdrachtnemer: 'bedrijf-x', year: 2026 }),
      raalteBeheer,
    );
    expect(own.statusCode).toBe(201);
  });
});
