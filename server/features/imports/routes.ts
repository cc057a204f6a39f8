import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { DvoParamsSchema } from '../../../shared/contracts/dvos.ts';
import { ImportListSchema, ImportResultSchema } from '../../../shared/contracts/figures.ts';
import { buildTemplateRows } from '../../../shared/domain/template.ts';
import { currentDvo, listIndicators } from '../../core/dvo-access.ts';
import { requireMonthInYear } from '../../core/evaluation/evaluation.ts';
import { loadFigures } from '../../core/figures/read.ts';
import { AppError } from '../../errors.ts';
import { currentUser, requireRole, requireUser } from '../../plugins/auth.ts';
import { errorResponses } from '../../schemas.ts';
import { listImports } from './history.ts';
import { importFile, tooLarge } from './service.ts';
import { templateCsv, templateXlsx } from './template.ts';

const errors = errorResponses(400, 401, 403, 404, 409, 413, 415, 422);

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
      config: { delivery: true },
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
      const dvo = currentDvo(request);
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
        clock: now,
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
      const dvo = currentDvo(request);
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
      const dvo = currentDvo(request);
      return { imports: listImports(db, dvo.id) };
    },
  );
}
