import { and, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Db, preparedQuery } from '../../db/client.ts';
import { dvos, indicators, organisations } from '../../db/schema.ts';
import type { Indicator } from '../../shared/contracts/catalogue.ts';
import type { DvoSummary } from '../../shared/contracts/dvos.ts';
import { type Period, parsePeriod } from '../../shared/domain/periods.ts';
import { AppError } from '../errors.ts';
import type { AuthUser } from './users/identity.ts';

export interface DvoRecord extends DvoSummary {
  id: number;
  opdrachtgeverId: number;
  opdrachtnemerId: number;
  /** See dvos.dataVersion: changes whenever an evaluation of this DVO may change. */
  dataVersion: number;
}

const gever = alias(organisations, 'g');
const nemer = alias(organisations, 'n');

/** A DVO with both parties, one row per DVO; every read of a DVO goes through this select. */
function selectDvos(db: Db) {
  return db
    .select({
      id: dvos.id,
      slug: dvos.slug,
      name: dvos.name,
      year: dvos.year,
      chapters: dvos.chapters,
      state: dvos.state,
      opdrachtgeverId: dvos.opdrachtgeverId,
      opdrachtnemerId: dvos.opdrachtnemerId,
      dataVersion: dvos.dataVersion,
      opdrachtgever: { slug: gever.slug, name: gever.name, type: gever.type },
      opdrachtnemer: { slug: nemer.slug, name: nemer.name, type: nemer.type },
    })
    .from(dvos)
    .innerJoin(gever, eq(gever.id, dvos.opdrachtgeverId))
    .innerJoin(nemer, eq(nemer.id, dvos.opdrachtnemerId));
}

/** Every DVO, by year and slug, without any access check (for work no user asked for). */
export function listDvos(db: Db): DvoRecord[] {
  return selectDvos(db).orderBy(dvos.year, dvos.slug).all();
}

/*
 * Every request under /api/dvos/:dvo (every cached GET /status) starts with this lookup, so it is
 * prepared once per connection (decision 0015). Measured with `npm run bench:queries`: about 13 µs
 * a call prepared once (9 µs as a raw statement) against about 380 µs built per call.
 */
function selectDvoBySlug(db: Db) {
  return selectDvos(db)
    .where(eq(dvos.slug, sql.placeholder('slug')))
    .prepare();
}

/** A DVO by slug, without any access check. */
export function findDvo(db: Db, slug: string): DvoRecord | null {
  return preparedQuery(db, selectDvoBySlug).get({ slug }) ?? null;
}

/** Whom the access rule looks at: a signed-in user, or a user a reminder or Te doen is made for. */
type Viewer = Pick<AuthUser, 'role' | 'organisationId'>;

/**
 * The access rule: a beheerder without organisation sees every DVO, anyone else those of their
 * organisation. A draft (next year's DVO in preparation, decision 0024) only its beheerders and the
 * opdrachtgever users of its two organisations.
 */
function maySee(user: Viewer, dvo: DvoRecord): boolean {
  if (user.role === 'beheerder' && user.organisationId === null) return true;
  if (dvo.state === 'draft' && user.role !== 'beheerder' && user.role !== 'opdrachtgever') return false;
  return dvo.opdrachtgeverId === user.organisationId || dvo.opdrachtnemerId === user.organisationId;
}

/**
 * Figures and hand-set statuses go only to an active DVO: a draft is still being agreed (409,
 * nothing stored). Called inside the write transactions of core/figures.
 */
export function requireActiveDvo(dvo: Pick<DvoRecord, 'name' | 'state'>): void {
  if (dvo.state === 'draft')
    throw new AppError(
      'conflict',
      `${dvo.name} is nog een concept: er kunnen pas cijfers en statussen in als de beheerder de DVO heeft geactiveerd. Er is niets opgeslagen.`,
    );
}

/** The DVOs a user may see, by year and slug. */
export function listDvosForUser(db: Db, user: Viewer): DvoRecord[] {
  return listDvos(db).filter((dvo) => maySee(user, dvo));
}

/**
 * The DVO `slug` if this user may see it. A DVO of organisations the user does not belong to answers
 * 404 like an unknown one, so its existence is not revealed.
 */
export function requireDvo(db: Db, slug: string, user: AuthUser): DvoRecord {
  const row = findDvo(db, slug);
  if (!row || !maySee(user, row))
    throw new AppError('not_found', `DVO '${slug}' bestaat niet of u heeft er geen toegang toe.`);
  return row;
}

export interface StoredIndicator {
  id: number;
  definition: Indicator;
}

/** Prepared once: every delivery reads them (decision 0015). */
function selectIndicators(db: Db) {
  return (
    db
      // the stored text, not the parsed column: parseDefinition parses each text once
      .select({ id: indicators.id, definition: sql<string>`${indicators.definition}` })
      .from(indicators)
      .where(and(eq(indicators.dvoId, sql.placeholder('dvo')), isNull(indicators.retiredAt)))
      .orderBy(indicators.sortOrder)
      .prepare()
  );
}

export function listIndicators(db: Db, dvoId: number): StoredIndicator[] {
  // The prepared query's rows as arrays (`values`, in the order of its select): drizzle's mapping of
  // each row to an object took about 40 of this call's 164 ms over 480 deliveries in the bench:import CPU profile.
  const rows = preparedQuery(db, selectIndicators).values({ dvo: dvoId }) as [
    (typeof indicators.$inferSelect)['id'],
    string,
  ][];
  return rows.map(([id, text]) => ({ id, definition: parseDefinition(id, text) }));
}

interface ParsedDefinition {
  text: string;
  parsed: Indicator;
}

/** Parsed definitions by their text, shared by DVOs loaded from the same catalogue. */
const definitionsByText = new Map<string, ParsedDefinition>();
/** The same, by indicator id: comparing the text read with the one parsed costs less than hashing it. */
const definitionsById = new Map<number, ParsedDefinition>();

/**
 * Definitions change rarely and are read by every delivery and evaluation: parse each text once.
 * A definition is used only while its stored text is the one parsed, so an edited norm is read anew.
 */
function parseDefinition(id: number, text: string): Indicator {
  const known = definitionsById.get(id);
  if (known?.text === text) return known.parsed;
  let entry = definitionsByText.get(text);
  if (!entry) {
    entry = { text, parsed: JSON.parse(text) as Indicator };
    if (definitionsByText.size > 10_000) definitionsByText.clear();
    definitionsByText.set(text, entry);
  }
  if (definitionsById.size > 100_000) definitionsById.clear();
  definitionsById.set(id, entry);
  return entry.parsed;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The DVO of a route under `/api/dvos/:dvo`, access checked; read it with `currentDvo`. */
    dvoRecord: DvoRecord | null;
  }
}

const DVO_SCOPE = '/api/dvos/:dvo';

/**
 * Every route under `/api/dvos/:dvo` gets its DVO once, before its handler: looked up, and 404 when
 * it does not exist or the user's organisation is no party to it. A preHandler, so the login (401),
 * the role (403) and the request's shape (400) are judged first, as before.
 */
export const dvoAccessPlugin = fp<{ db: Db }>(
  async (app: FastifyInstance, { db }) => {
    app.decorateRequest('dvoRecord', null);
    app.addHook('preHandler', async (request) => {
      if (!request.routeOptions.url?.startsWith(DVO_SCOPE) || request.user === null) return;
      request.dvoRecord = requireDvo(db, (request.params as { dvo: string }).dvo, request.user);
    });
  },
  { name: 'dvo-access', dependencies: ['auth'] },
);

/** The DVO of this request (see dvoAccessPlugin). */
export function currentDvo(request: FastifyRequest): DvoRecord {
  if (request.dvoRecord === null) throw new Error(`${request.routeOptions.url} ligt niet onder ${DVO_SCOPE}`);
  return request.dvoRecord;
}

const PERIOD_FORMS: Record<string, string> = {
  M: 'moet een maand zijn (JJJJ-MM)',
  'M,Q': 'moet een maand (JJJJ-MM) of kwartaal (JJJJ-Qn) zijn',
  'M,Q,Y': 'is ongeldig: gebruik JJJJ-MM, JJJJ-Kn (JJJJ-Qn) of JJJJ',
};

/** A period of one of `types` inside the DVO year, parsed; 400 with a Dutch message otherwise. */
export function requirePeriodOfDvo(dvo: DvoRecord, period: string, types: readonly Period['type'][]): Period {
  const p = parsePeriod(period);
  if (!p || !types.includes(p.type)) {
    throw new AppError('bad_request', `Periode '${period}' ${PERIOD_FORMS[types.join(',')]}.`);
  }
  if (p.year !== dvo.year) {
    throw new AppError('period_outside_dvo_year', `Periode ${period} valt buiten het DVO-jaar ${dvo.year}.`);
  }
  return p;
}
