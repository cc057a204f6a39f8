import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import {
  AssessmentBodySchema,
  AssessmentHistorySchema,
  AssessmentResultSchema,
} from '../../../shared/contracts/assessments.ts';
import { DvoParamsSchema } from '../../../shared/contracts/dvos.ts';
import { ASSESSMENT_ROLES, assessmentProblems } from '../../../shared/domain/assessments.ts';
import { dutchDay, parsePeriod } from '../../../shared/domain/periods.ts';
import { currentDvo, type DvoRecord, listIndicators } from '../../core/dvo-access.ts';
import { listAssessmentHistory, setAssessment } from '../../core/figures/assessments.ts';
import { AppError } from '../../errors.ts';
import { currentUser, requireRole, requireUser } from '../../plugins/auth.ts';
import { errorResponses } from '../../schemas.ts';

const IndicatorParamsSchema = DvoParamsSchema.extend({ indicator: z.string().max(100) });
const ParamsSchema = IndicatorParamsSchema.extend({ period: z.string().max(10) });

/** The agreement `code` of the DVO when it is one whose status is set by hand; 404 / 422 otherwise. */
function assessedIndicator(db: Db, dvo: DvoRecord, code: string) {
  const indicator = listIndicators(db, dvo.id).find((i) => i.definition.code === code);
  if (!indicator) throw new AppError('not_found', `Afspraak '${code}' bestaat niet in deze DVO.`);
  const kind = indicator.definition.kind;
  if (kind !== 'qualitative' && kind !== 'milestone') {
    throw new AppError(
      'validation_failed',
      `${indicator.definition.name} is een cijfermatige afspraak; lever daarvoor cijfers aan.`,
    );
  }
  return { indicator, kind };
}

/**
 * The hand-set quarterly status of a qualitative agreement (with its narrative), and the completion
 * date of a milestone (with a note). Append-only: a new setting supersedes the previous one, and the
 * history shows them all. Who may set them, and when a vastgestelde period refuses: decision 0017.
 */
export async function assessmentRoutes(app: FastifyInstance, { db, now }: { db: Db; now: () => Date }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/api/dvos/:dvo/assessments/:indicator',
    {
      onRequest: requireUser,
      schema: {
        tags: ['evaluatie'],
        summary:
          'Alle vastgelegde standen van een kwalitatieve afspraak of mijlpaal (wie, wanneer, wat), nieuwste eerst',
        params: IndicatorParamsSchema,
        response: { 200: AssessmentHistorySchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const dvo = currentDvo(request);
      const { indicator } = assessedIndicator(db, dvo, request.params.indicator);
      return { indicator: request.params.indicator, entries: listAssessmentHistory(db, dvo.id, indicator.id) };
    },
  );

  typed.put(
    '/api/dvos/:dvo/assessments/:indicator/:period',
    {
      onRequest: requireRole(...ASSESSMENT_ROLES),
      schema: {
        tags: ['evaluatie'],
        summary:
          'Status van een kwalitatieve afspraak per kwartaal (met toelichting), of gereedmelding van een mijlpaal',
        params: ParamsSchema,
        body: AssessmentBodySchema,
        response: {
          200: AssessmentResultSchema,
          ...errorResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const dvo = currentDvo(request);
      const { indicator: code, period } = request.params;
      const { indicator, kind } = assessedIndicator(db, dvo, code);
      const p = parsePeriod(period);
      const expectedType = indicator.definition.frequency;
      if (!p || p.type !== expectedType || p.year !== dvo.year) {
        const shape = expectedType === 'Q' ? `een kwartaal (${dvo.year}-Q1 … ${dvo.year}-Q4)` : `het jaar ${dvo.year}`;
        throw new AppError(
          'validation_failed',
          `Periode ${period} past niet: ${indicator.definition.name} vraagt ${shape}.`,
        );
      }
      const body = request.body;
      const input = {
        status: body.status ?? null,
        narrative: body.narrative?.trim() || null,
        completedOn: body.completedOn ?? null,
      };
      const at = now();
      const problems = assessmentProblems(kind, input, { year: dvo.year, today: dutchDay(at) });
      if (problems.length > 0) {
        throw new AppError(
          'validation_failed',
          problems.length === 1
            ? (problems[0]?.message as string)
            : 'Niet alles is goed ingevuld; er is niets opgeslagen.',
          problems,
        );
      }
      const recordedAt = setAssessment(db, {
        dvo,
        indicatorId: indicator.id,
        code,
        period,
        ...input,
        userId: user.id,
        now: at,
      });
      return { indicator: code, period, ...input, recordedAt };
    },
  );
}
