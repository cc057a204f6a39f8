import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { DvoParamsSchema } from '../../../shared/contracts/dvos.ts';
import { DeviationsResponseSchema, StatusResponseSchema } from '../../../shared/contracts/status.ts';
import { evaluationMonthOf, parsePeriod } from '../../../shared/domain/periods.ts';
import { AppError } from '../../errors.ts';
import { currentUser, requireUser } from '../../plugins/auth.ts';
import { ErrorResponseSchema } from '../../schemas.ts';
import { listIndicators, requireDvo } from '../dvos/repository.ts';
import { DEVIATION_STATUSES, evaluateStatus, parseAsOf, requireMonthInYear } from './service.ts';

const StatusQuerySchema = z.object({
  period: z.string().regex(/^\d{4}-\d{2}$/, 'periode als JJJJ-MM'),
  asOf: z.string().max(40).optional(),
});

export async function statusRoutes(app: FastifyInstance, opts: { db: Db; now: () => Date }): Promise<void> {
  const { db, now } = opts;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/dvos/:dvo/status',
    {
      preHandler: requireUser,
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
    async (request) => {
      const dvo = requireDvo(db, request.params.dvo, currentUser(request));
      const month = requireMonthInYear(dvo, request.query.period);
      const asOf = parseAsOf(request.query.asOf);
      const rows = evaluateStatus(db, { dvo, month, asOf, now: now() });
      return { dvo: dvo.slug, period: request.query.period, asOf, rows };
    },
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/dvos/:dvo/deviations',
    {
      preHandler: requireUser,
      schema: {
        tags: ['evaluatie'],
        summary: 'Afwijkingen (aandacht, afwijking, geen gegevens) van een maand of kwartaal (= laatste maand)',
        params: DvoParamsSchema,
        querystring: z.object({
          period: z.string().regex(/^\d{4}-(\d{2}|Q[1-4])$/, 'periode als JJJJ-MM of JJJJ-Qn'),
          asOf: z.string().max(40).optional(),
          format: z.enum(['json']).default('json'),
        }),
        response: {
          200: DeviationsResponseSchema,
          400: ErrorResponseSchema,
          401: ErrorResponseSchema,
          404: ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      const dvo = requireDvo(db, request.params.dvo, currentUser(request));
      const period = parsePeriod(request.query.period);
      if (!period || period.year !== dvo.year) {
        throw new AppError('bad_request', `Periode ${request.query.period} valt buiten het DVO-jaar ${dvo.year}.`);
      }
      const { month } = evaluationMonthOf(period);
      const asOf = parseAsOf(request.query.asOf);
      const definitions = new Map(listIndicators(db, dvo.id).map((i) => [i.definition.code, i.definition]));
      const rows = evaluateStatus(db, { dvo, month, asOf, now: now() })
        .filter((row) => DEVIATION_STATUSES.has(row.status))
        .map((row) => {
          const def = definitions.get(row.indicator);
          return {
            ...row,
            name: def?.name ?? row.indicator,
            chapter: def?.chapter ?? '',
            article: def?.article ?? '',
            toelichting: null,
            maatregel: null,
          };
        });
      return {
        dvo: dvo.slug,
        period: request.query.period,
        evaluatedMonth: `${dvo.year}-${String(month).padStart(2, '0')}`,
        asOf,
        rows,
      };
    },
  );
}
