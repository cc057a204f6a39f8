import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
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
import { AppError } from '../../errors.ts';
import { currentUser, requireRole, requireUser } from '../../plugins/auth.ts';
import { ErrorResponseSchema } from '../../schemas.ts';
import { listIndicators, requireDvo } from '../dvos/repository.ts';
import { loadFigureHistory } from '../figures/history.ts';
import { loadFigures } from '../status/repository.ts';
import { requireMonthInYear } from '../status/service.ts';
import { listImports } from './history.ts';
import { deliverFigures, importFile, tooLarge } from './service.ts';
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

type FilePart = { fieldname: string; filename: string; mimetype: string; file: BusboyFileStream };
type BusboyFileStream = Readable & { truncated: boolean };

function oneFileOnly(): AppError {
  return new AppError('bad_request', 'Stuur één bestand per levering; dit verzoek bevat er meer.');
}

/**
 * What the multipart reader throws, as our error: a body it cannot read (a cancelled upload without
 * its closing boundary, a wrong or missing boundary) is the client's fault, 400, never a 500.
 */
function multipartError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_FILES_LIMIT') return oneFileOnly();
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
  // not multipart at all (415), too many parts or fields: the error handler names these
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return error;
  return new AppError(
    'bad_request',
    'Het verzoek is geen leesbare multipart/form-data (afgebroken upload of verkeerde boundary). Stuur het bestand opnieuw in het veld "file".',
  );
}

function multipartParts(request: FastifyRequest): AsyncIterator<unknown> {
  try {
    return request.parts()[Symbol.asyncIterator]();
  } catch (error) {
    // busboy refuses a multipart Content-Type without a boundary at once
    throw multipartError(error);
  }
}

/** The next file part of the request (fields are skipped), or null at its end. */
async function nextFilePart(parts: AsyncIterator<unknown>): Promise<FilePart | null> {
  try {
    for (;;) {
      const next = await parts.next();
      if (next.done) return null;
      const part = next.value as Partial<FilePart> & { type?: string };
      if (part.type === 'file' && part.file) return part as FilePart;
    }
  } catch (error) {
    throw multipartError(error);
  }
}

/** Reads a part's bytes to nowhere, so the request can finish; errors only end it. */
async function drainPart(stream: Readable): Promise<void> {
  stream.on('error', () => {});
  stream.resume();
  await new Promise<void>((resolve) => {
    if (stream.readableEnded || stream.destroyed) return resolve();
    stream.once('end', resolve);
    stream.once('close', resolve);
  });
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
      const parts = multipartParts(request);
      const file = await nextFilePart(parts);
      if (file?.fieldname !== 'file') {
        if (file) await drainPart(file.file);
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
        truncated: () => file.file.truncated,
        xlsxIdleTimeoutMs,
        // a second file would be ignored silently: refuse the request before anything is stored
        beforeStore: async () => {
          const another = await nextFilePart(parts);
          if (another) {
            await drainPart(another.file);
            throw oneFileOnly();
          }
        },
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
