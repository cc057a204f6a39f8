import type { FastifyInstance, FastifyRequest } from 'fastify';
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
import { currentDvo } from '../../core/dvo-access.ts';
import {
  parseAsOf,
  requireMonthInYear,
  type StatusRequest,
  seriesBody,
  statusBody,
} from '../../core/evaluation/evaluation.ts';
import { requireUser } from '../../plugins/auth.ts';
import { ErrorResponseSchema } from '../../schemas.ts';

const StatusQuerySchema = z.object({
  period: z.string().regex(/^\d{4}-\d{2}$/, 'periode als JJJJ-MM'),
  asOf: z.string().max(40).optional(),
});

/** The OpenAPI description shared by the two month routes. */
function monthRoute<Answer extends z.ZodType>(summary: string, answer: Answer) {
  return {
    onRequest: requireUser,
    schema: {
      tags: ['evaluatie'],
      summary,
      params: DvoParamsSchema,
      querystring: StatusQuerySchema,
      response: { 200: answer, 400: ErrorResponseSchema, 401: ErrorResponseSchema, 404: ErrorResponseSchema },
    },
  };
}

export async function statusRoutes(app: FastifyInstance, opts: { db: Db; now: () => Date }): Promise<void> {
  const { db, now } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  /** DVO (with access check), month and asOf of a request to one of the month routes. */
  const monthRequest = (
    request: FastifyRequest<{ Params: { dvo: string }; Querystring: { period: string; asOf?: string } }>,
  ): StatusRequest => {
    const dvo = currentDvo(request);
    return {
      dvo,
      month: requireMonthInYear(dvo, request.query.period),
      asOf: parseAsOf(request.query.asOf),
      now: now(),
    };
  };
  // JSON cached while the data version holds (decision 0006); Fastify sends a Buffer as it is
  r.get(
    '/api/dvos/:dvo/status',
    monthRoute('Stand van elke afspraak in een maand, eventueel zoals bekend op asOf', StatusResponseSchema),
    async (request, reply) =>
      reply
        .type('application/json; charset=utf-8')
        .send(statusBody(db, monthRequest(request)) as unknown as StatusResponse),
  );
  r.get(
    '/api/dvos/:dvo/series',
    monthRoute(
      'Verloop per maand van elke afspraak, van januari tot en met de periode (voor de sparklines)',
      StatusSeriesResponseSchema,
    ),
    async (request, reply) =>
      reply
        .type('application/json; charset=utf-8')
        .send(seriesBody(db, monthRequest(request)) as unknown as StatusSeriesResponse),
  );
}
