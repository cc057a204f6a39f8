import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import {
  DeviationsResponseSchema,
  DeviationThreadSchema,
  MaatregelBodySchema,
  ToelichtingBodySchema,
  TransitionBodySchema,
} from '../../../shared/contracts/deviations.ts';
import { DvoParamsSchema } from '../../../shared/contracts/dvos.ts';
import type { WorkflowAction } from '../../../shared/domain/deviation-workflow.ts';
import { applyThreadAction, buildDeviationList, requireThread, threadView } from '../../core/deviations/service.ts';
import { currentDvo } from '../../core/dvo-access.ts';
import { parseAsOf } from '../../core/evaluation/evaluation.ts';
import { sendExport } from '../../core/reports/send.ts';
import { deviationTrends } from '../../core/reports/trends.ts';
import { currentUser, requireRole, requireUser } from '../../plugins/auth.ts';
import { errorResponses } from '../../schemas.ts';

export const ListQuerySchema = z.object({
  period: z.string().regex(/^\d{4}-(\d{2}|Q[1-4])$/, 'periode als JJJJ-MM of JJJJ-Qn'),
  asOf: z.string().max(40).optional(),
  format: z.enum(['json', 'csv', 'xlsx', 'pdf', 'docx']).default('json'),
  /** `true`: every row carries the history of its thread. */
  history: z.enum(['true', 'false']).optional(),
});

const ThreadParamsSchema = DvoParamsSchema.extend({ id: z.coerce.number().int().positive() });

const readErrors = errorResponses(400, 401, 404);
const writeErrors = { ...readErrors, ...errorResponses(403, 409, 422) };

/** The write roles per route; the workflow (shared/domain/deviation-workflow.ts) decides the rest. */
const WRITERS = requireRole('beheerder', 'opdrachtgever', 'opdrachtnemer');

export async function deviationRoutes(app: FastifyInstance, { db, now }: { db: Db; now: () => Date }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  /** A workflow action on the thread `:id` of this DVO, by the user of the request. */
  const act = (request: FastifyRequest<{ Params: { id: number } }>, action: WorkflowAction) =>
    applyThreadAction(db, {
      dvo: currentDvo(request),
      id: request.params.id,
      user: currentUser(request),
      action,
      now: now(),
    });

  r.get(
    '/api/dvos/:dvo/deviations',
    {
      onRequest: requireUser,
      schema: {
        tags: ['afwijkingen'],
        summary:
          'Afwijkingen (aandacht, afwijking, geen gegevens) van een maand of kwartaal (= laatste maand), met toelichting, maatregel en stand; format=csv|xlsx|pdf|docx geeft een download met dezelfde rijen',
        params: DvoParamsSchema,
        querystring: ListQuerySchema,
        response: { 200: DeviationsResponseSchema, ...readErrors },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const dvo = currentDvo(request);
      const { period, format, history } = request.query;
      const moment = now();
      const list = buildDeviationList(db, {
        dvo,
        period,
        asOf: parseAsOf(request.query.asOf),
        now: moment,
        user,
        history: history === 'true',
        correctionsAfter: null,
      });
      if (format === 'json') return list;
      return sendExport(reply as FastifyReply, list, format, moment, deviationTrends(db, dvo, list, moment));
    },
  );

  r.get(
    '/api/dvos/:dvo/deviations/:id',
    {
      onRequest: requireUser,
      schema: {
        tags: ['afwijkingen'],
        summary: 'Eén afwijking met haar hele geschiedenis en wat u ermee mag',
        params: ThreadParamsSchema,
        response: { 200: DeviationThreadSchema, ...readErrors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const dvo = currentDvo(request);
      return threadView(db, dvo, requireThread(db, dvo, request.params.id), user);
    },
  );

  r.put(
    '/api/dvos/:dvo/deviations/:id/toelichting',
    {
      onRequest: WRITERS,
      schema: {
        tags: ['afwijkingen'],
        summary: 'Toelichting van de opdrachtnemer (open → toegelicht)',
        params: ThreadParamsSchema,
        body: ToelichtingBodySchema,
        response: { 200: DeviationThreadSchema, ...writeErrors },
      },
    },
    async (request) => act(request, { type: 'toelichting', text: request.body.text }),
  );

  r.put(
    '/api/dvos/:dvo/deviations/:id/maatregel',
    {
      onRequest: WRITERS,
      schema: {
        tags: ['afwijkingen'],
        summary:
          'Maatregel met eigenaar en deadline (voorstel van de opdrachtnemer, of vastgelegd door de opdrachtgever)',
        params: ThreadParamsSchema,
        body: MaatregelBodySchema,
        response: { 200: DeviationThreadSchema, ...writeErrors },
      },
    },
    async (request) =>
      act(request, {
        type: 'maatregel',
        maatregel: {
          text: request.body.text,
          owner: request.body.owner ?? null,
          deadline: request.body.deadline ?? null,
        },
      }),
  );

  r.post(
    '/api/dvos/:dvo/deviations/:id/transitions',
    {
      onRequest: WRITERS,
      schema: {
        tags: ['afwijkingen'],
        summary: 'Stand wijzigen: maatregel_afgesproken, besproken, geescaleerd of afgesloten (opdrachtgever)',
        params: ThreadParamsSchema,
        body: TransitionBodySchema,
        response: { 200: DeviationThreadSchema, ...writeErrors },
      },
    },
    async (request) =>
      act(request, { type: 'transition', to: request.body.to, note: request.body.note?.trim() || null }),
  );
}
