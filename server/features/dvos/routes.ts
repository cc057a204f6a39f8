import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../db/client.ts';
import { organisations } from '../../../db/schema.ts';
import { DvoCatalogueSchema, IndicatorSchema } from '../../../shared/contracts/catalogue.ts';
import {
  ActivateRequestSchema,
  ActivateResponseSchema,
  CreateDvoBodySchema,
  DvoListSchema,
  DvoParamsSchema,
  DvoSummarySchema,
  IndicatorListSchema,
  PreviousParamsSchema,
  SetPreviousRequestSchema,
} from '../../../shared/contracts/dvos.ts';
import { currentDvo, type DvoRecord, findDvo, listDvosForUser } from '../../core/dvo-access.ts';
import { currentCatalogue } from '../../core/norms/norms.ts';
import { previousAgreements } from '../../core/previous-year.ts';
import { AppError } from '../../errors.ts';
import { currentUser, requireRole, requireUser } from '../../plugins/auth.ts';
import { ErrorResponseSchema, errorResponses } from '../../schemas.ts';
import { normRoutes } from './norm-routes.ts';
import { activateDvo, createDvo, exportCatalogue, setPrevious } from './years.ts';

function summary(dvo: DvoRecord) {
  const { id: _id, opdrachtgeverId: _g, opdrachtnemerId: _n, dataVersion: _v, ...rest } = dvo;
  return rest;
}

export async function dvoRoutes(app: FastifyInstance, { db, now }: { db: Db; now: () => Date }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  await normRoutes(app, { db, now });

  r.get(
    '/api/dvos',
    {
      onRequest: requireUser,
      schema: {
        tags: ['dvo'],
        summary: 'De DVO’s die deze gebruiker mag zien',
        response: { 200: DvoListSchema, 401: ErrorResponseSchema },
      },
    },
    async (request) => ({ dvos: listDvosForUser(db, currentUser(request)).map(summary) }),
  );

  r.get(
    '/api/dvos/:dvo/indicators',
    {
      onRequest: requireUser,
      schema: {
        tags: ['dvo'],
        summary: 'De resultaatafspraken met hun huidige norm (laatste versie) en bron',
        params: DvoParamsSchema,
        response: { 200: IndicatorListSchema, 401: ErrorResponseSchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => {
      const dvo = currentDvo(request);
      const catalogue = currentCatalogue(db, dvo);
      const previous = previousAgreements(db, dvo, catalogue);
      return {
        dvo: summary(dvo),
        indicators: catalogue.map((i) => ({ ...i, previous: previous.get(i.code) ?? null })),
      };
    },
  );

  r.post(
    '/api/dvos',
    {
      onRequest: requireRole('beheerder'),
      schema: {
        tags: ['dvo'],
        summary:
          'Nieuwe DVO als concept: leeg, gekopieerd van een andere DVO (`from`) of uit een catalogus (`catalogue`)',
        body: CreateDvoBodySchema,
        response: { 201: DvoSummarySchema, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      requireOwnParties(db, user.organisationId, request.body);
      const { slug } = createDvo(db, request.body, user.id, now());
      reply.code(201);
      return summary(findDvo(db, slug) as DvoRecord);
    },
  );

  r.post(
    '/api/dvos/:dvo/activate',
    {
      onRequest: requireRole('beheerder'),
      schema: {
        tags: ['dvo'],
        summary:
          'Een concept-DVO activeren: vanaf dan kunnen er cijfers in; met `carryOpen` worden de open afwijkingen en actiepunten van vorig jaar meegenomen',
        params: DvoParamsSchema,
        body: ActivateRequestSchema,
        response: { 200: ActivateResponseSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const dvo = currentDvo(request);
      const carried = activateDvo(db, dvo, currentUser(request).id, now(), {
        carryOpen: request.body?.carryOpen === true,
      });
      return { ...summary(findDvo(db, dvo.slug) as DvoRecord), ...(carried ? { carried } : {}) };
    },
  );

  r.get(
    '/api/dvos/:dvo/catalogue',
    {
      onRequest: requireUser,
      schema: {
        tags: ['dvo'],
        summary: 'De catalogus van de DVO in het formaat van fixtures/dvos/*.json',
        params: DvoParamsSchema,
        response: { 200: DvoCatalogueSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const dvo = currentDvo(request);
      reply.header('content-disposition', `attachment; filename="${dvo.slug}.json"`);
      return exportCatalogue(db, dvo);
    },
  );

  r.put(
    '/api/dvos/:dvo/indicators/:code/previous',
    {
      onRequest: requireRole('beheerder', 'opdrachtgever'),
      schema: {
        tags: ['dvo'],
        summary: 'Dezelfde afspraak in de DVO van vorig jaar (na een gewijzigde code), of geen (een nieuwe afspraak)',
        params: PreviousParamsSchema,
        body: SetPreviousRequestSchema,
        response: { 200: IndicatorSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) =>
      setPrevious(db, currentDvo(request), request.params.code, request.body.previous, currentUser(request).id, now()),
  );
}

/**
 * A beheerder of one organisation creates only DVOs their organisation is party to; the beheerder of
 * all organisations (no organisation) any. Shape problems are left to the 422 of createDvo.
 */
function requireOwnParties(db: Db, organisationId: number | null, body: Record<string, unknown>): void {
  if (organisationId === null) return;
  const own = db
    .select({ slug: organisations.slug })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .get();
  const source = (typeof body.catalogue === 'object' && body.catalogue !== null ? body.catalogue : body) as Record<
    string,
    unknown
  >;
  const parties = [source.opdrachtgever, source.opdrachtnemer].map((ref) =>
    typeof ref === 'object' && ref !== null ? (ref as { slug?: unknown }).slug : ref,
  );
  if (!own || !parties.includes(own.slug))
    throw new AppError('forbidden', 'U kunt alleen een DVO aanmaken waarin uw eigen organisatie partij is.');
}
