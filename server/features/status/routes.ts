import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
import { buildMonthTable, tableFileName } from '../../../shared/domain/table-reports.ts';
import { currentDvo, listIndicators } from '../../core/dvo-access.ts';
import {
  evaluateStatus,
  parseAsOf,
  requireMonthInYear,
  type StatusRequest,
  seriesBody,
  statusBody,
} from '../../core/evaluation/evaluation.ts';
import { sendFile } from '../../core/reports/send.ts';
import { renderTableXlsx } from '../../core/reports/table-xlsx.ts';
import { requireUser } from '../../plugins/auth.ts';
import { ErrorResponseSchema } from '../../schemas.ts';

const StatusQuerySchema = z.object({
  period: z.string().regex(/^\d{4}-\d{2}$/, 'periode als JJJJ-MM'),
  asOf: z.string().max(40).optional(),
});

/** `/status` also gives the Maandoverzicht as a workbook (`format=xlsx`); `/series` only JSON. */
const StatusExportQuerySchema = StatusQuerySchema.extend({
  format: z.enum(['json', 'xlsx']).default('json'),
});

/** The OpenAPI description shared by the two month routes. */
function monthRoute<Answer extends z.ZodType, Query extends typeof StatusQuerySchema>(
  summary: string,
  answer: Answer,
  querystring: Query,
) {
  return {
    onRequest: requireUser,
    schema: {
      tags: ['evaluatie'],
      summary,
      params: DvoParamsSchema,
      querystring,
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
    monthRoute(
      'Stand van elke afspraak in een maand, eventueel zoals bekend op asOf; format=xlsx geeft het Maandoverzicht als Excel-werkmap (realisatie, norm tot nu, status, prognose, per afspraak en segment)',
      StatusResponseSchema,
      StatusExportQuerySchema,
    ),
    async (request, reply) => {
      const month = monthRequest(request);
      if (request.query.format === 'xlsx') return sendMonthXlsx(reply as FastifyReply, month);
      return reply.type('application/json; charset=utf-8').send(statusBody(db, month) as unknown as StatusResponse);
    },
  );
  /** The Maandoverzicht as a workbook: the same rows as the JSON, agreements by name. */
  async function sendMonthXlsx(reply: FastifyReply, month: StatusRequest): Promise<FastifyReply> {
    const period = `${month.dvo.year}-${String(month.month).padStart(2, '0')}`;
    const table = buildMonthTable({
      dvoName: month.dvo.name,
      period,
      asOf: month.asOf,
      exportedAt: month.now.toISOString(),
      rows: evaluateStatus(db, month),
      catalogue: listIndicators(db, month.dvo.id).map((i) => i.definition),
    });
    const stand = month.asOf ? `stand-${month.asOf.slice(0, 10)}` : undefined;
    const filename = tableFileName('maandoverzicht', month.dvo.slug, [period, stand]);
    return sendFile(reply, await renderTableXlsx(table), filename, 'xlsx');
  }

  r.get(
    '/api/dvos/:dvo/series',
    monthRoute(
      'Verloop per maand van elke afspraak, van januari tot en met de periode (voor de sparklines)',
      StatusSeriesResponseSchema,
      StatusQuerySchema,
    ),
    async (request, reply) =>
      reply
        .type('application/json; charset=utf-8')
        .send(seriesBody(db, monthRequest(request)) as unknown as StatusSeriesResponse),
  );
}
