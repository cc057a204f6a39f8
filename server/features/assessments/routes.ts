import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { DvoParamsSchema } from '../../../shared/contracts/dvos.ts';
import { AssessedStatusSchema } from '../../../shared/contracts/status.ts';
import { parsePeriod } from '../../../shared/domain/periods.ts';
import { currentDvo, listIndicators } from '../../core/dvo-access.ts';
import { setAssessment } from '../../core/figures/assessments.ts';
import { AppError } from '../../errors.ts';
import { currentUser, requireRole } from '../../plugins/auth.ts';
import { errorResponses } from '../../schemas.ts';

const ParamsSchema = DvoParamsSchema.extend({ indicator: z.string().max(100), period: z.string().max(10) });
const BodySchema = z.object({
  status: AssessedStatusSchema.nullable().optional(),
  narrative: z.string().max(8000).nullable().optional(),
  completedOn: z.iso.date().nullable().optional(),
});
const ResultSchema = z.object({
  indicator: z.string(),
  period: z.string(),
  status: AssessedStatusSchema.nullable(),
  narrative: z.string().nullable(),
  completedOn: z.string().nullable(),
  recordedAt: z.string(),
});

/**
 * The opdrachtgever's hand-set quarterly status of a qualitative agreement (with its narrative), and
 * the completion date of a milestone. Append-only: a new assessment supersedes the previous one.
 */
export async function assessmentRoutes(app: FastifyInstance, { db, now }: { db: Db; now: () => Date }): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().put(
    '/api/dvos/:dvo/assessments/:indicator/:period',
    {
      onRequest: requireRole('opdrachtgever', 'beheerder'),
      schema: {
        tags: ['evaluatie'],
        summary: 'Status van een kwalitatieve afspraak per kwartaal, of gereedmelding van een mijlpaal',
        params: ParamsSchema,
        body: BodySchema,
        response: {
          200: ResultSchema,
          ...errorResponses(400, 401, 403, 404, 422),
        },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const dvo = currentDvo(request);
      const { indicator: code, period } = request.params;
      const indicator = listIndicators(db, dvo.id).find((i) => i.definition.code === code);
      if (!indicator) throw new AppError('not_found', `Afspraak '${code}' bestaat niet in deze DVO.`);
      const def = indicator.definition;
      if (def.kind !== 'qualitative' && def.kind !== 'milestone') {
        throw new AppError(
          'validation_failed',
          `${def.name} is een cijfermatige afspraak; lever daarvoor cijfers aan.`,
        );
      }
      const p = parsePeriod(period);
      const expectedType = def.frequency;
      if (!p || p.type !== expectedType || p.year !== dvo.year) {
        const shape = expectedType === 'Q' ? `een kwartaal (${dvo.year}-Q1 … ${dvo.year}-Q4)` : `het jaar ${dvo.year}`;
        throw new AppError('validation_failed', `Periode ${period} past niet: ${def.name} vraagt ${shape}.`);
      }
      const body = request.body;
      const status = body.status ?? null;
      const narrative = body.narrative?.trim() || null;
      const completedOn = body.completedOn ?? null;
      if (def.kind === 'qualitative' && status === null && narrative === null) {
        throw new AppError('validation_failed', 'Geef een status of een toelichting.');
      }
      if (def.kind === 'milestone' && status !== null) {
        throw new AppError(
          'validation_failed',
          'Een mijlpaal krijgt geen status maar een datum van gereedkomen (completedOn).',
        );
      }
      const recordedAt = setAssessment(db, {
        dvo,
        indicatorId: indicator.id,
        code,
        period,
        status,
        narrative,
        completedOn,
        userId: user.id,
        now: now(),
      });
      return { indicator: code, period, status, narrative, completedOn, recordedAt };
    },
  );
}
