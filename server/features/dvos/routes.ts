import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../db/client.ts';
import { DvoListSchema, DvoParamsSchema, IndicatorListSchema } from '../../../shared/contracts/dvos.ts';
import { currentDvo, type DvoRecord, listDvosForUser } from '../../core/dvo-access.ts';
import { currentCatalogue } from '../../core/norms/norms.ts';
import { currentUser, requireUser } from '../../plugins/auth.ts';
import { ErrorResponseSchema } from '../../schemas.ts';
import { normRoutes } from './norm-routes.ts';

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
      return { dvo: summary(dvo), indicators: currentCatalogue(db, dvo) };
    },
  );
}
