import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { DvoParamsSchema } from '../../../shared/contracts/dvos.ts';
import {
  FiguresRequestSchema,
  FiguresResponseSchema,
  ImportListSchema,
  ImportResultSchema,
} from '../../../shared/contracts/figures.ts';
import { buildTemplateRows } from '../../../shared/domain/template.ts';
import { listIndicators, requireDvo } from '../../core/dvo-access.ts';
import { requireMonthInYear } from '../../core/evaluation/evaluation.ts';
import { loadFigureHistory } from '../../core/figures/history.ts';
import { loadFigures } from '../../core/figures/read.ts';
import { AppError } from '../../errors.ts';
import { currentUser, requireRole, requireUser } from '../../plugins/auth.ts';
import { ErrorResponseSchema } from '../../schemas.ts';
import { listImports } from './history.ts';
import { deliverFigures, importFile } from './service.ts';
import { templateCsv, templateXlsx } from './template.ts';

const errors = {
  400: ErrorResponseSchema,
  401: ErrorResponseSchema,
  403: ErrorResponseSchema,
  404: ErrorResponseSchema,
  409: ErrorResponseSchema,
  413: ErrorResponseSchema,
  415: ErrorResponseSchema,
  422: ErrorResponseSchema,
};

/** A file name as shown in the history: no folders, no control characters, at most 200 characters. */
export function cleanFilename(name: string | undefined): string {
  const base = path.basename((name ?? '').replaceAll('\\', '/'));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.slice(0, 200) || 'bestand';
}

export async function importRoutes(
  app: FastifyInstance,
  { db, now, xlsxIdleTimeoutMs }: { db: Db; now: () => Date; xlsxIdleTimeoutMs?: number | undefined },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/dvos/:dvo/imports',
    {
      onRequest: requireRole('opdrachtnemer', 'beheerder'),
      schema: {
        tags: ['aanleveren'],
        summary: 'Cijfers aanleveren als CSV of XLSX (multipart, veld "file"); dryRun=true controleert alleen',
        params: DvoParamsSchema,
        querystring: z.object({ dryRun: z.enum(['true', 'false', '1', '0']).optional() }),
        consumes: ['multipart/form-data'],
        response: { 200: ImportResultSchema, 201: ImportResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const dvo = requireDvo(db, request.params.dvo, user);
      const dryRun = request.query.dryRun === 'true' || request.query.dryRun === '1';
      const file = await request.file();
      if (file?.fieldname !== 'file') {
        throw new AppError('bad_request', 'Stuur het bestand mee in het veld "file".');
      }
      const result = await importFile(db, {
        dvo,
        userId: user.id,
        stream: file.file,
        filename: cleanFilename(file.filename),
        mimetype: file.mimetype,
        dryRun,
        now: now(),
        clock: now,
        truncated: () => file.file.truncated,
        xlsxIdleTimeoutMs,
      });
      return reply.code(result.importId === null ? 200 : 201).send(result);
    },
  );

  r.post(
    '/api/dvos/:dvo/figures',
    {
      onRequest: requireRole('opdrachtnemer', 'beheerder'),
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
      const dvo = requireDvo(db, request.params.dvo, user);
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
        summary: 'Cijfers met hun volledige revisiegeschiedenis',
        params: DvoParamsSchema,
        querystring: z.object({
          indicator: z.string().max(100).optional(),
          from: z.string().max(10).optional(),
          to: z.string().max(10).optional(),
        }),
        response: { 200: FiguresResponseSchema, ...errors },
      },
    },
    async (request) => {
      const dvo = requireDvo(db, request.params.dvo, currentUser(request));
      return { figures: loadFigureHistory(db, dvo.id, request.query) };
    },
  );

  r.get(
    '/api/dvos/:dvo/template',
    {
      onRequest: requireUser,
      schema: {
        tags: ['aanleveren'],
        summary: 'Vooringevuld aanleversjabloon (CSV of XLSX) voor een maand, met de vorige waarde ernaast',
        params: DvoParamsSchema,
        querystring: z.object({
          period: z.string().regex(/^\d{4}-\d{2}$/, 'periode als JJJJ-MM'),
          format: z.enum(['csv', 'xlsx']).default('csv'),
        }),
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: z.unknown().describe('het sjabloon als bestand'), ...errors },
      },
    },
    async (request, reply) => {
      const dvo = requireDvo(db, request.params.dvo, currentUser(request));
      const month = requireMonthInYear(dvo, request.query.period);
      const indicators = listIndicators(db, dvo.id).map((i) => i.definition);
      const rows = buildTemplateRows(indicators, dvo.year, month, loadFigures(db, dvo.id, null));
      const base = `aanlevering-${dvo.slug}-${request.query.period}`;
      if (request.query.format === 'xlsx') {
        const body = await templateXlsx(rows, `Aanlevering ${dvo.name} ${request.query.period}`);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${base}.xlsx"`)
          .send(body);
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${base}.csv"`)
        .send(templateCsv(rows));
    },
  );

  r.get(
    '/api/dvos/:dvo/imports',
    {
      onRequest: requireUser,
      schema: {
        tags: ['aanleveren'],
        summary: 'Geschiedenis van de leveringen: wie, wanneer, welk bestand, aantallen',
        params: DvoParamsSchema,
        response: { 200: ImportListSchema, ...errors },
      },
    },
    async (request) => {
      const dvo = requireDvo(db, request.params.dvo, currentUser(request));
      return { imports: listImports(db, dvo.id) };
    },
  );
}
