import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { DvoParamsSchema } from '../../../shared/contracts/dvos.ts';
import {
  type StatusResponse,
  StatusResponseSchema,
  type StatusSeriesResponse,
  StatusSeriesResponseSchema,
} from '../../../shared/contracts/status.ts';
import { currentUser, requireUser } from '../../plugins/auth.ts';
import { ErrorResponseSchema } from '../../schemas.ts';
import { requireDvo } from '../dvos/repository.ts';
import { parseAsOf, requireMonthInYear, seriesBody, statusBody } from './service.ts';

const StatusQuerySchema = z.object({
  period: z.string().regex(/^\d{4}-\d{2}$/, 'periode als JJJJ-MM'),
  asOf: z.string().max(40).optional(),
});

export async function statusRoutes(app: FastifyInstance, opts: { db: Db; now: () => Date }): Promise<void> {
  const { db, now } = opts;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/dvos/:dvo/status',
    {
      onRequest: requireUser,
      schema: {
        tags: ['evaluatie'],
        summary: 'Stand van elke afspraak in een maand, eventueel zoals bekend op asOf',
        params: DvoParamsSchema,
        querystring: StatusQuerySchema,
        response: {
          200: StatusResponseSchema,
          400: ErrorResponseSchema,
          401: ErrorResponseSchema,
          404: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const dvo = requireDvo(db, request.params.dvo, currentUser(request));
      const month = requireMonthInYear(dvo, request.query.period);
      const asOf = parseAsOf(request.query.asOf);
      // JSON cached while the data version holds (decision 0006); Fastify sends a Buffer as it is
      const body = statusBody(db, { dvo, month, asOf, now: now() });
      return reply.type('application/json; charset=utf-8').send(body as unknown as StatusResponse);
    },
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/dvos/:dvo/series',
    {
      onRequest: requireUser,
      schema: {
        tags: ['evaluatie'],
        summary: 'Verloop per maand van elke afspraak, van januari tot en met de periode (voor de sparklines)',
        params: DvoParamsSchema,
        querystring: StatusQuerySchema,
        response: {
          200: StatusSeriesResponseSchema,
          400: ErrorResponseSchema,
          401: ErrorResponseSchema,
          404: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const dvo = requireDvo(db, request.params.dvo, currentUser(request));
      const month = requireMonthInYear(dvo, request.query.period);
      const body = seriesBody(db, { dvo, month, asOf: parseAsOf(request.query.asOf), now: now() });
      return reply.type('application/json; charset=utf-8').send(body as unknown as StatusSeriesResponse);
    },
  );
}
