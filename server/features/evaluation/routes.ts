import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { DvoParamsSchema } from '../../../shared/contracts/dvos.ts';
import { EvaluationResponseSchema } from '../../../shared/contracts/evaluation.ts';
import { buildYearReport } from '../../../shared/domain/year-report.ts';
import { currentDvo } from '../../core/dvo-access.ts';
import { parseAsOf } from '../../core/evaluation/evaluation.ts';
import { evaluateYear } from '../../core/evaluation/year.ts';
import { sendFile } from '../../core/reports/send.ts';
import { renderYearDocx, renderYearPdf } from '../../core/reports/year.ts';
import { requireUser } from '../../plugins/auth.ts';
import { errorResponses } from '../../schemas.ts';

const EvaluationQuerySchema = z.object({
  asOf: z.string().max(40).optional(),
  format: z.enum(['json', 'pdf', 'docx']).default('json'),
});

export async function evaluationRoutes(app: FastifyInstance, { db, now }: { db: Db; now: () => Date }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/dvos/:dvo/evaluation',
    {
      onRequest: requireUser,
      schema: {
        tags: ['evaluatie'],
        summary:
          'Jaarevaluatie: per afspraak het jaarresultaat tegen de jaarnorm (definitief na het jaareinde, anders prognose), de status van elke maand, de afwijkingen met hun maatregelen en het resultaat van vorig jaar; format=pdf of docx geeft het document',
        params: DvoParamsSchema,
        querystring: EvaluationQuerySchema,
        response: { 200: EvaluationResponseSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const dvo = currentDvo(request);
      const at = now();
      const answer = evaluateYear(db, { dvo, asOf: parseAsOf(request.query.asOf), now: at });
      const format = request.query.format;
      if (format === 'json') return answer;
      const report = buildYearReport(answer, at.toISOString());
      const body = format === 'pdf' ? await renderYearPdf(report) : await renderYearDocx(report);
      const stand = answer.asOf ? answer.asOf.slice(0, 10) : at.toISOString().slice(0, 10);
      return sendFile(
        reply,
        body,
        `jaarevaluatie-${dvo.slug}-${answer.final ? 'definitief' : 'prognose'}-${stand}.${format}`,
        format,
      );
    },
  );
}
