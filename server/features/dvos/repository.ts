import { asc, eq, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { cachedStatement, type Db } from '../../../db/client.ts';
import { dvos, organisations } from '../../../db/schema.ts';
import type { Indicator } from '../../../shared/contracts/catalogue.ts';
import type { DvoSummary } from '../../../shared/contracts/dvos.ts';
import { AppError } from '../../errors.ts';
import type { AuthUser } from '../../plugins/auth.ts';

export interface DvoRecord extends DvoSummary {
  id: number;
  opdrachtgeverId: number;
  opdrachtnemerId: number;
  /** See dvos.dataVersion: changes whenever an evaluation of this DVO may change. */
  dataVersion: number;
}

const gever = alias(organisations, 'gever');
const nemer = alias(organisations, 'nemer');

function selectDvos(db: Db) {
  return db
    .select({
      id: dvos.id,
      slug: dvos.slug,
      name: dvos.name,
      year: dvos.year,
      chapters: dvos.chapters,
      opdrachtgeverId: dvos.opdrachtgeverId,
      opdrachtnemerId: dvos.opdrachtnemerId,
      dataVersion: dvos.dataVersion,
      geverSlug: gever.slug,
      geverName: gever.name,
      geverType: gever.type,
      nemerSlug: nemer.slug,
      nemerName: nemer.name,
      nemerType: nemer.type,
    })
    .from(dvos)
    .innerJoin(gever, eq(gever.id, dvos.opdrachtgeverId))
    .innerJoin(nemer, eq(nemer.id, dvos.opdrachtnemerId));
}

type DvoRow = Awaited<ReturnType<ReturnType<typeof selectDvos>['all']>>[number];

function toRecord(row: DvoRow): DvoRecord {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    year: row.year,
    chapters: row.chapters,
    opdrachtgeverId: row.opdrachtgeverId,
    opdrachtnemerId: row.opdrachtnemerId,
    dataVersion: row.dataVersion,
    opdrachtgever: { slug: row.geverSlug, name: row.geverName, type: row.geverType },
    opdrachtnemer: { slug: row.nemerSlug, name: row.nemerName, type: row.nemerType },
  };
}

/** The DVOs a user may see: all for a beheerder, else those their organisation is party to. */
export function listDvosForUser(db: Db, user: AuthUser): DvoRecord[] {
  const query = selectDvos(db);
  const rows =
    user.role === 'beheerder' && user.organisationId === null
      ? query.orderBy(asc(dvos.year), asc(dvos.slug)).all()
      : query
          .where(
            or(
              eq(dvos.opdrachtgeverId, user.organisationId ?? -1),
              eq(dvos.opdrachtnemerId, user.organisationId ?? -1),
            ),
          )
          .orderBy(asc(dvos.year), asc(dvos.slug))
          .all();
  return rows.map(toRecord);
}

/** A DVO by slug, without any access check. A raw cached statement: every DVO route starts here. */
export function findDvo(db: Db, slug: string): DvoRecord | null {
  const row = cachedStatement(
    db,
    `select d.id, d.slug, d.name, d.year, d.chapters, d.opdrachtgever_id as opdrachtgeverId,
            d.opdrachtnemer_id as opdrachtnemerId, d.data_version as dataVersion,
            g.slug as geverSlug, g.name as geverName, g.type as geverType,
            n.slug as nemerSlug, n.name as nemerName, n.type as nemerType
       from dvos d join organisations g on g.id = d.opdrachtgever_id join organisations n on n.id = d.opdrachtnemer_id
      where d.slug = ?`,
  ).get(slug) as (Omit<DvoRow, 'chapters'> & { chapters: string }) | undefined;
  return row ? toRecord({ ...row, chapters: JSON.parse(row.chapters) as string[] }) : null;
}

/** Call in the transaction of every write that can change an evaluation of the DVO. */
export function bumpDataVersion(db: Db, dvoId: number): void {
  cachedStatement(db, 'update dvos set data_version = data_version + 1 where id = ?').run(dvoId);
}

/**
 * The DVO `slug` if this user may see it. A DVO of organisations the user does not belong to answers
 * 404 like an unknown one, so its existence is not revealed.
 */
export function requireDvo(db: Db, slug: string, user: AuthUser): DvoRecord {
  const row = findDvo(db, slug);
  const visible =
    row &&
    ((user.role === 'beheerder' && user.organisationId === null) ||
      row.opdrachtgeverId === user.organisationId ||
      row.opdrachtnemerId === user.organisationId);
  if (!row || !visible) throw new AppError('not_found', `DVO '${slug}' bestaat niet of u heeft er geen toegang toe.`);
  return row;
}

export interface StoredIndicator {
  id: number;
  definition: Indicator;
}

export function listIndicators(db: Db, dvoId: number): StoredIndicator[] {
  const rows = cachedStatement(db, 'select id, definition from indicators where dvo_id = ? order by sort_order').all(
    dvoId,
  ) as { id: number; definition: string }[];
  return rows.map((r) => ({ id: r.id, definition: parseDefinition(r.definition) }));
}

const parsedDefinitions = new Map<string, Indicator>();

/** Definitions change rarely and are read by every delivery and evaluation: parse each text once. */
function parseDefinition(text: string): Indicator {
  let parsed = parsedDefinitions.get(text);
  if (!parsed) {
    parsed = JSON.parse(text) as Indicator;
    if (parsedDefinitions.size > 10_000) parsedDefinitions.clear();
    parsedDefinitions.set(text, parsed);
  }
  return parsed;
}
