/**
 * npm run bench:queries [-- --calls 20000]
 *
 * Per query on a request or import path: the time of one call through the drizzle query builder
 * beside the same query as a raw prepared statement (decision 0015), on the demo database. The raw
 * statements stay only where the difference counts against what the path costs in all.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { and, count, eq, gt, isNull, lte, max, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { cachedStatement, type Db, openDb } from '../db/client.ts';
import {
  apiTokens,
  assessments,
  dvos,
  figures,
  imports,
  indicators,
  meetings,
  organisations,
  sessions,
  users,
} from '../db/schema.ts';
import { loadDemoData } from '../server/demo.ts';
import { prepareDatabase } from '../server/setup.ts';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '20000' } } });
const CALLS = Number(values.calls);

/** µs per call of each variant: the best of five rounds, the variants taking turns, so a busy machine counts least. */
function compare(variants: (() => unknown)[], calls: number): number[] {
  const round = Math.max(1, Math.floor(calls / 5));
  const once = (fn: () => unknown) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < round; i++) fn();
    return Number(process.hrtime.bigint() - start) / 1000 / round;
  };
  for (const fn of variants) once(fn);
  const best = variants.map(() => Number.POSITIVE_INFINITY);
  for (let r = 0; r < 5; r++) {
    for (const [i, fn] of variants.entries()) best[i] = Math.min(best[i] as number, once(fn));
  }
  return best;
}

const dir = mkdtempSync(path.join(tmpdir(), 'dvo-bench-queries-'));
const db: Db = openDb(path.join(dir, 'bench.db'));
prepareDatabase(db, { info: () => undefined });
await loadDemoData(db, { info: () => undefined });
const dvo = db.select().from(dvos).get();
if (!dvo) throw new Error('geen DVO');
const user = db.select().from(users).get();
if (!user) throw new Error('geen gebruiker');
db.insert(sessions)
  .values({ tokenHash: 'bench', userId: user.id, csrfToken: 'c', createdAt: '2024-01-01', expiresAt: '9999' })
  .run();
db.insert(apiTokens).values({ tokenHash: 'bench', userId: user.id, label: 'bench', createdAt: '2024-01-01' }).run();
const figureCount = db.select({ n: count() }).from(figures).where(eq(figures.dvoId, dvo.id)).get()?.n;
const asOf = '2024-07-01T00:00:00.000Z';
const sample = db.select().from(figures).get();
if (!sample) throw new Error('geen cijfers');
let inserted = 0;

const gever = alias(organisations, 'g');
const nemer = alias(organisations, 'n');

const findDvoQuery = db
  .select({
    id: dvos.id,
    slug: dvos.slug,
    name: dvos.name,
    year: dvos.year,
    chapters: dvos.chapters,
    opdrachtgeverId: dvos.opdrachtgeverId,
    opdrachtnemerId: dvos.opdrachtnemerId,
    dataVersion: dvos.dataVersion,
    gever: { slug: gever.slug, name: gever.name, type: gever.type },
    nemer: { slug: nemer.slug, name: nemer.name, type: nemer.type },
  })
  .from(dvos)
  .innerJoin(gever, eq(gever.id, dvos.opdrachtgeverId))
  .innerJoin(nemer, eq(nemer.id, dvos.opdrachtnemerId))
  .where(eq(dvos.slug, sql.placeholder('slug')))
  .prepare();
const stampQuery = db
  .select({ at: max(imports.recordedAt) })
  .from(imports)
  .where(eq(imports.dvoId, sql.placeholder('dvo')))
  .unionAll(
    db
      .select({ at: max(assessments.recordedAt) })
      .from(assessments)
      .where(eq(assessments.dvoId, sql.placeholder('dvo'))),
  )
  .unionAll(
    db
      .select({ at: max(meetings.asOf) })
      .from(meetings)
      .where(eq(meetings.dvoId, sql.placeholder('dvo'))),
  )
  .prepare();
const indicatorsQuery = db
  .select({ id: indicators.id, definition: sql<string>`${indicators.definition}` })
  .from(indicators)
  .where(eq(indicators.dvoId, sql.placeholder('dvo')))
  .orderBy(indicators.sortOrder)
  .prepare();

const sessionQuery = db
  .select({
    id: users.id,
    username: users.username,
    role: users.role,
    disabled: users.disabled,
    organisationId: users.organisationId,
    organisationSlug: organisations.slug,
    organisationName: organisations.name,
    csrfToken: sessions.csrfToken,
    expiresAt: sessions.expiresAt,
  })
  .from(sessions)
  .innerJoin(users, eq(users.id, sessions.userId))
  .leftJoin(organisations, eq(organisations.id, users.organisationId))
  .where(and(eq(sessions.tokenHash, sql.placeholder('token')), gt(sessions.expiresAt, sql.placeholder('now'))))
  .prepare();
const assessmentsQuery = db
  .select({
    indicator: indicators.code,
    period: assessments.period,
    status: assessments.status,
    narrative: assessments.narrative,
    completedOn: assessments.completedOn,
  })
  .from(assessments)
  .innerJoin(indicators, eq(indicators.id, assessments.indicatorId))
  .where(
    and(
      eq(assessments.dvoId, dvo.id),
      lte(assessments.recordedAt, sql.placeholder('asOf')),
      or(isNull(assessments.supersededAt), gt(assessments.supersededAt, sql.placeholder('asOf'))),
    ),
  )
  .prepare();
const figuresQuery = db
  .select({
    indicator: indicators.code,
    period: figures.period,
    segment: figures.segment,
    value: figures.value,
    numerator: figures.numerator,
    denominator: figures.denominator,
  })
  .from(figures)
  .innerJoin(indicators, eq(indicators.id, figures.indicatorId))
  .where(and(eq(figures.dvoId, dvo.id), isNull(figures.supersededAt)))
  .prepare();

const candidates: {
  name: string;
  calls: number;
  drizzle: () => unknown;
  prepared?: () => unknown;
  raw: () => unknown;
}[] = [
  {
    name: 'session lookup (auth.ts)',
    calls: CALLS,
    drizzle: () =>
      db
        .select({
          id: users.id,
          username: users.username,
          role: users.role,
          disabled: users.disabled,
          organisationId: users.organisationId,
          organisationSlug: organisations.slug,
          organisationName: organisations.name,
          csrfToken: sessions.csrfToken,
          expiresAt: sessions.expiresAt,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .leftJoin(organisations, eq(organisations.id, users.organisationId))
        .where(and(eq(sessions.tokenHash, 'bench'), gt(sessions.expiresAt, '2024-06-01')))
        .get(),
    prepared: () => sessionQuery.get({ token: 'bench', now: '2024-06-01' }),
    raw: () =>
      cachedStatement(
        db,
        `select u.id, u.username, u.role, u.disabled, u.organisation_id as organisationId,
                o.slug as organisationSlug, o.name as organisationName, s.csrf_token as csrfToken,
                s.expires_at as expiresAt
           from sessions s join users u on u.id = s.user_id left join organisations o on o.id = u.organisation_id
          where s.token_hash = ? and s.expires_at > ?`,
      ).get('bench', '2024-06-01'),
  },
  {
    name: 'token lookup (auth.ts)',
    calls: CALLS,
    drizzle: () =>
      db
        .select({
          id: users.id,
          username: users.username,
          role: users.role,
          disabled: users.disabled,
          organisationId: users.organisationId,
          organisationSlug: organisations.slug,
          organisationName: organisations.name,
          tokenId: apiTokens.id,
          lastUsedAt: apiTokens.lastUsedAt,
        })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .leftJoin(organisations, eq(organisations.id, users.organisationId))
        .where(and(eq(apiTokens.tokenHash, 'bench'), isNull(apiTokens.revokedAt)))
        .get(),
    raw: () =>
      cachedStatement(
        db,
        `select u.id, u.username, u.role, u.disabled, u.organisation_id as organisationId,
                o.slug as organisationSlug, o.name as organisationName, t.id as tokenId, t.last_used_at as lastUsedAt
           from api_tokens t join users u on u.id = t.user_id left join organisations o on o.id = u.organisation_id
          where t.token_hash = ? and t.revoked_at is null`,
      ).get('bench'),
  },
  {
    name: 'findDvo (dvo-access.ts)',
    calls: CALLS,
    drizzle: () =>
      db
        .select({
          id: dvos.id,
          slug: dvos.slug,
          name: dvos.name,
          year: dvos.year,
          chapters: dvos.chapters,
          opdrachtgeverId: dvos.opdrachtgeverId,
          opdrachtnemerId: dvos.opdrachtnemerId,
          dataVersion: dvos.dataVersion,
          gever: { slug: gever.slug, name: gever.name, type: gever.type },
          nemer: { slug: nemer.slug, name: nemer.name, type: nemer.type },
        })
        .from(dvos)
        .innerJoin(gever, eq(gever.id, dvos.opdrachtgeverId))
        .innerJoin(nemer, eq(nemer.id, dvos.opdrachtnemerId))
        .where(eq(dvos.slug, dvo.slug))
        .get(),
    prepared: () => findDvoQuery.get({ slug: dvo.slug }),
    raw: () => {
      const row = cachedStatement(
        db,
        `select d.id, d.slug, d.name, d.year, d.chapters, d.opdrachtgever_id as opdrachtgeverId,
                d.opdrachtnemer_id as opdrachtnemerId, d.data_version as dataVersion,
                g.slug as geverSlug, g.name as geverName, g.type as geverType,
                n.slug as nemerSlug, n.name as nemerName, n.type as nemerType
           from dvos d join organisations g on g.id = d.opdrachtgever_id
           join organisations n on n.id = d.opdrachtnemer_id
          where d.slug = ?`,
      ).get(dvo.slug) as { chapters: string };
      return JSON.parse(row.chapters);
    },
  },
  {
    name: 'revisionStamp (revision-clock.ts)',
    calls: CALLS / 10,
    drizzle: () =>
      db
        .select({ at: max(imports.recordedAt) })
        .from(imports)
        .where(eq(imports.dvoId, dvo.id))
        .unionAll(
          db
            .select({ at: max(assessments.recordedAt) })
            .from(assessments)
            .where(eq(assessments.dvoId, dvo.id)),
        )
        .unionAll(
          db
            .select({ at: max(meetings.asOf) })
            .from(meetings)
            .where(eq(meetings.dvoId, dvo.id)),
        )
        .all(),
    prepared: () => stampQuery.all({ dvo: dvo.id }),
    raw: () =>
      cachedStatement(
        db,
        `select max(at) from (
           select max(recorded_at) as at from imports where dvo_id = @dvo
           union all select max(recorded_at) from assessments where dvo_id = @dvo
           union all select max(as_of) from meetings where dvo_id = @dvo)`,
      )
        .pluck()
        .get({ dvo: dvo.id }),
  },
  {
    name: 'listIndicators (dvo-access.ts)',
    calls: CALLS / 10,
    drizzle: () =>
      db
        .select({ id: indicators.id, definition: sql<string>`${indicators.definition}` })
        .from(indicators)
        .where(eq(indicators.dvoId, dvo.id))
        .orderBy(indicators.sortOrder)
        .all(),
    prepared: () => indicatorsQuery.all({ dvo: dvo.id }),
    raw: () =>
      cachedStatement(db, 'select id, definition from indicators where dvo_id = ? order by sort_order').all(dvo.id),
  },
  {
    name: 'loadAssessments asOf (read.ts)',
    calls: CALLS / 10,
    drizzle: () =>
      db
        .select({
          indicator: indicators.code,
          period: assessments.period,
          status: assessments.status,
          narrative: assessments.narrative,
          completedOn: assessments.completedOn,
        })
        .from(assessments)
        .innerJoin(indicators, eq(indicators.id, assessments.indicatorId))
        .where(
          and(
            eq(assessments.dvoId, dvo.id),
            lte(assessments.recordedAt, asOf),
            or(isNull(assessments.supersededAt), gt(assessments.supersededAt, asOf)),
          ),
        )
        .all(),
    prepared: () => assessmentsQuery.all({ asOf }),
    raw: () =>
      cachedStatement(
        db,
        `select i.code as indicator, a.period, a.status, a.narrative, a.completed_on as completedOn
           from assessments a join indicators i on i.id = a.indicator_id
          where a.dvo_id = ? and a.recorded_at <= ? and (a.superseded_at is null or a.superseded_at > ?)`,
      ).all(dvo.id, asOf, asOf),
  },
  {
    name: `loadFigures now, ${figureCount} figures (read.ts)`,
    calls: CALLS / 100,
    drizzle: () =>
      db
        .select({
          indicator: indicators.code,
          period: figures.period,
          segment: figures.segment,
          value: figures.value,
          numerator: figures.numerator,
          denominator: figures.denominator,
        })
        .from(figures)
        .innerJoin(indicators, eq(indicators.id, figures.indicatorId))
        .where(and(eq(figures.dvoId, dvo.id), isNull(figures.supersededAt)))
        .all(),
    prepared: () => figuresQuery.all(),
    raw: () =>
      cachedStatement(
        db,
        `select i.code as indicator, f.period, f.segment, f.value, f.numerator, f.denominator
           from figures f join indicators i on i.id = f.indicator_id
          where f.dvo_id = ? and f.superseded_at is null`,
      )
        .raw(true)
        .all(dvo.id),
  },
  {
    name: 'loadCurrentFigures (store.ts)',
    calls: CALLS / 100,
    drizzle: () =>
      db
        .select({
          id: figures.id,
          indicatorId: figures.indicatorId,
          period: figures.period,
          segment: figures.segment,
          value: figures.value,
          numerator: figures.numerator,
          denominator: figures.denominator,
          comment: figures.comment,
        })
        .from(figures)
        .where(and(eq(figures.dvoId, dvo.id), isNull(figures.supersededAt)))
        .all(),
    raw: () =>
      cachedStatement(
        db,
        `select id, indicator_id, period, segment, value, numerator, denominator, comment
           from figures where dvo_id = ? and superseded_at is null`,
      )
        .raw(true)
        .all(dvo.id),
  },
  {
    name: 'figure insert, per row (store.ts)',
    calls: CALLS,
    drizzle: () =>
      db
        .insert(figures)
        .values({
          dvoId: dvo.id,
          indicatorId: sample.indicatorId,
          period: `b${++inserted}`,
          segment: '',
          value: 1,
          numerator: null,
          denominator: null,
          comment: null,
          recordedAt: asOf,
          userId: sample.userId,
          importId: sample.importId,
        })
        .run(),
    raw: () =>
      cachedStatement(
        db,
        `insert into figures (dvo_id, indicator_id, period, segment, value, numerator, denominator, comment,
           recorded_at, user_id, import_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        dvo.id,
        sample.indicatorId,
        `b${++inserted}`,
        '',
        1,
        null,
        null,
        null,
        asOf,
        sample.userId,
        sample.importId,
      ),
  },
];

const column = (us: number | undefined, width: number) => (us === undefined ? '–' : us.toFixed(1)).padStart(width);
console.log(`${'query'.padEnd(44)} ${'builder µs'.padStart(11)} ${'prepared µs'.padStart(12)} ${'raw µs'.padStart(8)}`);
// the inserts are rolled back, so every candidate reads the same data
db.$client.exec('begin');
for (const c of candidates) {
  const times = compare(c.prepared ? [c.drizzle, c.prepared, c.raw] : [c.drizzle, c.raw], c.calls);
  const [builderUs, preparedUs, rawUs] = c.prepared ? times : [times[0], undefined, times[1]];
  console.log(`${c.name.padEnd(44)} ${column(builderUs, 11)} ${column(preparedUs, 12)} ${column(rawUs, 8)}`);
}
db.$client.exec('rollback');
db.$client.close();
rmSync(dir, { recursive: true, force: true });
