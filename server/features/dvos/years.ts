import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, inTransaction } from '../../../db/client.ts';
import { dvos, indicators, organisations } from '../../../db/schema.ts';
import {
  type DvoCatalogue,
  DvoCatalogueSchema,
  type Indicator,
  type Organisation,
  type PreviousAgreement,
} from '../../../shared/contracts/catalogue.ts';
import { type CarryResult, type CreateDvoRequest, CreateDvoRequestSchema } from '../../../shared/contracts/dvos.ts';
import { recordAudit } from '../../core/audit.ts';
import { loadCatalogue } from '../../core/catalogue.ts';
import { carryOpenWork, previousDvoOf } from '../../core/deviations/carry.ts';
import { type DvoRecord, findDvo, listIndicators } from '../../core/dvo-access.ts';
import { bumpDataVersion } from '../../core/figures/data-version.ts';
import { currentNorms, withNorm } from '../../core/norms/norms.ts';
import { AppError } from '../../errors.ts';

/*
 * The year cycle (interface.md §7 "Next year's DVO", decision 0024): a beheerder creates next year's
 * DVO as a draft, empty, copied from last year's or imported from a catalogue file; edits it; then
 * activates it.
 */

const dutchErrors = z.locales.nl().localeError;

/** `indicators.3 (uitstroom).norm.value`: the index alone does not tell an editor which agreement. */
function columnOf(path: readonly PropertyKey[], raw: unknown): string | undefined {
  if (path.length === 0) return undefined;
  const parts = path.map(String);
  if (parts[0] === 'indicators' && parts.length > 1) {
    const code = (raw as { indicators?: { code?: unknown }[] })?.indicators?.[Number(parts[1])]?.code;
    if (typeof code === 'string') parts[1] = `${parts[1]} (${code})`;
  }
  return parts.join('.');
}

function parseOrRefuse<T>(schema: z.ZodType<T>, raw: unknown, what: string, prefix?: string): T {
  const result = schema.safeParse(raw, { error: dutchErrors });
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => {
    const column = [prefix, columnOf(issue.path, raw)].filter(Boolean).join('.');
    return { ...(column ? { column } : {}), message: issue.message };
  });
  throw new AppError(
    'validation_failed',
    `${what} klopt niet: ${details.length} fout(en). Er is niets opgeslagen.`,
    details,
  );
}

function refuse(column: string, message: string): never {
  throw new AppError('validation_failed', `${message} Er is niets opgeslagen.`, [{ column, message }]);
}

function requireFreeSlug(db: Db, slug: string): void {
  if (findDvo(db, slug))
    throw new AppError('conflict', `Er bestaat al een DVO met de code '${slug}'. Kies een andere code.`);
}

/** An organisation by slug, or a new one; a slug that exists must keep its kind. */
function resolveOrganisation(db: Db, ref: CreateDvoRequest['opdrachtgever'], column: string): Organisation {
  const slug = typeof ref === 'string' ? ref : ref.slug;
  const found = db
    .select({ slug: organisations.slug, name: organisations.name, type: organisations.type })
    .from(organisations)
    .where(eq(organisations.slug, slug))
    .get();
  if (typeof ref === 'string') {
    if (!found) refuse(column, `Organisatie '${slug}' bestaat niet. Geef naam en soort op om haar aan te maken.`);
    return found;
  }
  if (found && found.type !== ref.type)
    refuse(column, `Organisatie '${slug}' bestaat al als ${found.type}, niet als ${ref.type}.`);
  return found ?? ref;
}

/**
 * The agreements of a DVO as they stand now, in catalogue order: each with its latest norm version
 * (decision 0021) and `previous` as recorded: a link, null (recorded as new) or absent (matched by
 * code, decision 0026), so an export imported again matches as before. What a copy takes and an export writes.
 */
export function currentDefinitions(db: Db, dvo: DvoRecord): Indicator[] {
  const norms = currentNorms(db, dvo);
  return listIndicators(db, dvo.id).map((i) => withNorm(i.definition, norms.get(i.definition.code)));
}

/** A DVO's catalogue in the format of fixtures/dvos/*.json (GET …/catalogue). */
export function exportCatalogue(db: Db, dvo: DvoRecord): DvoCatalogue {
  return {
    slug: dvo.slug,
    name: dvo.name,
    year: dvo.year,
    opdrachtgever: dvo.opdrachtgever,
    opdrachtnemer: dvo.opdrachtnemer,
    chapters: dvo.chapters,
    indicators: currentDefinitions(db, dvo),
  };
}

function requirePreviousExists(db: Db, previous: PreviousAgreement | null | undefined, column: string): void {
  if (!previous) return;
  const dvo = findDvo(db, previous.dvo);
  if (!dvo) refuse(column, `De vorige DVO '${previous.dvo}' bestaat niet.`);
  const match = listIndicators(db, dvo.id).some((i) => i.definition.code === previous.code);
  if (!match) refuse(column, `De vorige DVO '${previous.dvo}' heeft geen afspraak '${previous.code}'.`);
}

export interface CreatedDvo {
  slug: string;
  indicators: number;
}

/**
 * `POST /api/dvos`: creates a draft DVO from the fields (empty, or a copy of `from` with every
 * agreement pointing back at its original) or from `{ catalogue }`. 422 with details for what does not
 * fit, 409 for a slug in use; nothing is stored then.
 */
export function createDvo(db: Db, body: Record<string, unknown>, userId: number, now: Date): CreatedDvo {
  return inTransaction(db, () => {
    const catalogue = 'catalogue' in body ? importedCatalogue(db, body.catalogue) : newCatalogue(db, body);
    requireFreeSlug(db, catalogue.slug);
    const { dvoId } = loadCatalogue(db, catalogue, { state: 'draft' });
    recordAudit(
      db,
      {
        userId,
        action: 'dvo.create',
        entity: 'dvo',
        entityId: catalogue.slug,
        after: {
          year: catalogue.year,
          from: 'from' in body ? body.from : null,
          indicators: catalogue.indicators.length,
        },
      },
      now,
    );
    bumpDataVersion(db, dvoId);
    return { slug: catalogue.slug, indicators: catalogue.indicators.length };
  });
}

function importedCatalogue(db: Db, raw: unknown): DvoCatalogue {
  const catalogue = parseOrRefuse(DvoCatalogueSchema, raw, 'De catalogus', 'catalogue');
  catalogue.indicators.forEach((indicator, i) => {
    requirePreviousExists(db, indicator.previous, `catalogue.indicators.${i} (${indicator.code}).previous`);
  });
  return catalogue;
}

function newCatalogue(db: Db, body: Record<string, unknown>): DvoCatalogue {
  const request = parseOrRefuse(CreateDvoRequestSchema, body, 'De nieuwe DVO');
  const opdrachtgever = resolveOrganisation(db, request.opdrachtgever, 'opdrachtgever');
  const opdrachtnemer = resolveOrganisation(db, request.opdrachtnemer, 'opdrachtnemer');
  if (opdrachtgever.slug === opdrachtnemer.slug)
    refuse('opdrachtnemer', 'Opdrachtgever en opdrachtnemer moeten verschillende organisaties zijn.');
  const base = { slug: request.slug, name: request.name, year: request.year, opdrachtgever, opdrachtnemer };
  if (!request.from) return { ...base, chapters: [], indicators: [] };
  const from = findDvo(db, request.from);
  if (!from) refuse('from', `DVO '${request.from}' om van te kopiëren bestaat niet.`);
  const shift = request.year - from.year;
  const copied = currentDefinitions(db, from).map((definition) => ({
    ...moveToYear(definition, shift),
    previous: { dvo: from.slug, code: definition.code },
  }));
  return { ...base, chapters: [...from.chapters], indicators: copied };
}

/** `2024-Q1` + 1 → `2025-Q1`: a date or period of last year's agreement in the new year. */
function shiftYear(text: string, shift: number): string {
  return `${Number(text.slice(0, 4)) + shift}${text.slice(4)}`;
}

/**
 * A copied agreement's own dates move with the year: the period a single measurement is due in and a
 * milestone's deadline (the MTO of Q1 2024 becomes that of Q1 2025); the beheerder adjusts them in the draft.
 */
function moveToYear(definition: Indicator, shift: number): Indicator {
  if (shift === 0) return definition;
  const moved: Indicator = { ...definition };
  if (moved.duePeriod) moved.duePeriod = shiftYear(moved.duePeriod, shift);
  if (moved.norm.basis === 'deadline' && moved.norm.deadline)
    moved.norm = { ...moved.norm, deadline: shiftYear(moved.norm.deadline, shift) };
  return moved;
}

/**
 * `POST /api/dvos/:dvo/activate`: a draft becomes active; from then on figures can be delivered. With
 * `carryOpen`, last year's open deviations and action items are carried over in the same transaction
 * (decision 0025); the answer says what was and was not carried.
 */
export function activateDvo(
  db: Db,
  dvo: DvoRecord,
  userId: number,
  now: Date,
  options: { carryOpen?: boolean } = {},
): CarryResult | undefined {
  return inTransaction(db, () => {
    const row = db.select({ state: dvos.state }).from(dvos).where(eq(dvos.id, dvo.id)).get();
    if (row?.state !== 'draft') throw new AppError('conflict', `${dvo.name} is al actief.`);
    const count = listIndicators(db, dvo.id).length;
    if (count === 0)
      throw new AppError(
        'validation_failed',
        `${dvo.name} heeft nog geen afspraken. Importeer eerst een catalogus of kopieer een DVO.`,
        [{ message: 'De DVO heeft geen resultaatafspraken.' }],
      );
    let carried: CarryResult | undefined;
    if (options.carryOpen) {
      const from = previousDvoOf(db, dvo);
      if (!from)
        throw new AppError(
          'validation_failed',
          `${dvo.name} heeft geen DVO van vorig jaar om afwijkingen en acties uit mee te nemen. Er is niets opgeslagen.`,
          [{ column: 'carryOpen', message: 'Er is geen vorige DVO.' }],
        );
      carried = carryOpenWork(db, dvo, from, userId, now);
    }
    db.update(dvos).set({ state: 'active' }).where(eq(dvos.id, dvo.id)).run();
    recordAudit(
      db,
      {
        userId,
        action: 'dvo.activate',
        entity: 'dvo',
        entityId: dvo.slug,
        ...(carried
          ? {
              after: {
                carriedFrom: carried.from.slug,
                deviations: carried.deviations.map((d) => d.from),
                actions: carried.actions.map((a) => a.from),
                notCarried: carried.notCarried.map((n) => ({ kind: n.kind, id: n.id })),
              },
            }
          : {}),
      },
      now,
    );
    bumpDataVersion(db, dvo.id);
    return carried;
  });
}

/** Matches an agreement with last year's by hand (after a code changed), or clears the match. */
export function setPrevious(
  db: Db,
  dvo: DvoRecord,
  code: string,
  previous: PreviousAgreement | null,
  userId: number,
  now: Date,
): Indicator {
  return inTransaction(db, () => {
    const stored = listIndicators(db, dvo.id).find((i) => i.definition.code === code);
    if (!stored) throw new AppError('not_found', `Afspraak '${code}' bestaat niet in ${dvo.name}.`);
    if (previous?.dvo === dvo.slug) refuse('previous.dvo', 'Een afspraak kan niet naar haar eigen DVO verwijzen.');
    requirePreviousExists(db, previous, 'previous');
    const definition: Indicator = { ...stored.definition, previous };
    db.update(indicators)
      .set({ definition })
      .where(and(eq(indicators.id, stored.id), eq(indicators.dvoId, dvo.id)))
      .run();
    recordAudit(
      db,
      {
        userId,
        action: 'indicator.previous',
        entity: 'indicator',
        entityId: `${dvo.slug}/${code}`,
        before: stored.definition.previous ?? null,
        after: previous,
      },
      now,
    );
    // the DVO's cached catalogue (and so its Jaarevaluatie) carries the link
    bumpDataVersion(db, dvo.id);
    return definition;
  });
}
