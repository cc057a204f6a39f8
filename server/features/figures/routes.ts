import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { DvoParamsSchema } from '../../../shared/contracts/dvos.ts';
import { FiguresRequestSchema, FiguresResponseSchema, ImportResultSchema } from '../../../shared/contracts/figures.ts';
import { buildFigureTable, tableFileName } from '../../../shared/domain/table-reports.ts';
import { currentDvo, listIndicators } from '../../core/dvo-access.ts';
import { deliverFigures } from '../../core/figures/deliver.ts';
import { loadFigureHistory } from '../../core/figures/history.ts';
import { sendFile } from '../../core/reports/send.ts';
import { renderTableXlsx } from '../../core/reports/table-xlsx.ts';
import { currentUser, requireRole, requireUser } from '../../plugins/auth.ts';
import { errorResponses } from '../../schemas.ts';

const errors = errorResponses(400, 401, 403, 404, 409, 422);

/** Figures as JSON: delivered by a script (same rules as a file, interface.md §3) and read with their revisions. */
export async function figureRoutes(app: FastifyInstance, { db, now }: { db: Db; now: () => Date }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/dvos/:dvo/figures',
    {
      onRequest: requireRole('opdrachtnemer', 'beheerder'),
      config: { delivery: true },
      schema: {
        tags: ['aanleveren'],
        summary: 'Cijfers aanleveren als JSON; dezelfde regels als een bestand',
        params: DvoParamsSchema,
        querystring: z.object({ dryRun: z.enum(['true', 'false', '1', '0']).optional() }),
        body: FiguresRequestSchema,
        response: { 200: ImportResultSchema, 201: ImportResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const dvo = currentDvo(request);
      const result = deliverFigures(db, {
        dvo,
        userId: user.id,
        // `row` is the 1-based position in `figures`, so messages point at the item
        rows: request.body.figures.map((figure, i) => ({ row: i + 1, figure })),
        delimiter: ',',
        source: 'api',
        filename: null,
        sha256: null,
        dryRun: request.query.dryRun === 'true' || request.query.dryRun === '1',
        now: now(),
        clock: now,
      });
      return reply.code(result.importId === null ? 200 : 201).send(result);
    },
  );

  r.get(
    '/api/dvos/:dvo/figures',
    {
      onRequest: requireUser,
      schema: {
        tags: ['cijfers'],
        summary:
          'Cijfers met hun volledige revisiegeschiedenis; format=xlsx geeft ze als Excel-werkmap, één regel per revisie met segment, periode, geleverd door en op (voor een draaitabel of Power BI)',
        params: DvoParamsSchema,
        querystring: z.object({
          indicator: z.string().max(100).optional(),
          from: z.string().max(10).optional(),
          to: z.string().max(10).optional(),
          format: z.enum(['json', 'xlsx']).default('json'),
        }),
        response: { 200: FiguresResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const dvo = currentDvo(request);
      const { format, ...filter } = request.query;
      const figures = loadFigureHistory(db, dvo.id, filter);
      if (format === 'json') return { figures };
      const table = buildFigureTable({
        dvoName: dvo.name,
        from: filter.from,
        to: filter.to,
        exportedAt: now().toISOString(),
        figures,
        catalogue: listIndicators(db, dvo.id).map((i) => i.definition),
      });
      const filename = tableFileName('cijfers', dvo.slug, [filter.from, filter.to]);
      return sendFile(reply as FastifyReply, await renderTableXlsx(table), filename, 'xlsx');
    },
  );
}
