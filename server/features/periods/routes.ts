import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { LockChangesResponseSchema } from '../../../shared/contracts/deviations.ts';
import { DvoParamsSchema } from '../../../shared/contracts/dvos.ts';
import { PeriodLockListSchema } from '../../../shared/contracts/figures.ts';
import { changesSinceLock } from '../../core/deviations/corrections.ts';
import { currentDvo, listIndicators, requirePeriodOfDvo } from '../../core/dvo-access.ts';
import { listLocks, lockPeriod, unlockPeriod } from '../../core/locks.ts';
import { AppError } from '../../errors.ts';
import { currentUser, requireRole, requireUser } from '../../plugins/auth.ts';
import { errorResponses } from '../../schemas.ts';

const PeriodParamsSchema = DvoParamsSchema.extend({ period: z.string().min(4).max(10) });
const LockResultSchema = z.object({ period: z.string(), locked: z.boolean(), changed: z.boolean() });
const UnlockBodySchema = z.object({ reason: z.string().max(2000).optional() }).nullish();
const errors = errorResponses(400, 401, 403, 404);
const ChangesQuerySchema = z.object({
  period: z.string().max(10).optional(),
  indicator: z.string().min(1).max(100).optional(),
});

export async function periodRoutes(app: FastifyInstance, { db, now }: { db: Db; now: () => Date }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/dvos/:dvo/periods/locks',
    {
      onRequest: requireUser,
      schema: {
        tags: ['perioden'],
        summary: 'Vastgestelde perioden',
        params: DvoParamsSchema,
        response: { 200: PeriodLockListSchema, ...errors },
      },
    },
    async (request) => {
      const dvo = currentDvo(request);
      return { locks: listLocks(db, dvo.id) };
    },
  );

  r.get(
    '/api/dvos/:dvo/periods/changes',
    {
      onRequest: requireUser,
      schema: {
        tags: ['perioden'],
        summary:
          'Gewijzigd na vaststelling: per (ooit) vastgestelde periode de cijfers die nu anders zijn dan bij de eerste vaststelling, met de status toen en nu',
        params: DvoParamsSchema,
        querystring: ChangesQuerySchema,
        response: { 200: LockChangesResponseSchema, ...errors },
      },
    },
    async (request) => {
      const dvo = currentDvo(request);
      const { period, indicator } = request.query;
      if (period !== undefined) requirePeriodOfDvo(dvo, period, ['M', 'Q', 'Y']);
      const definitions = new Map(listIndicators(db, dvo.id).map((i) => [i.definition.code, i.definition]));
      if (indicator !== undefined && !definitions.has(indicator)) {
        throw new AppError('not_found', `Indicator ${indicator} bestaat niet in deze DVO.`);
      }
      return {
        periods: changesSinceLock(db, {
          dvo,
          period: period ?? null,
          indicator: indicator ?? null,
          definitions,
          now: now(),
        }),
      };
    },
  );

  r.post(
    '/api/dvos/:dvo/periods/:period/lock',
    {
      onRequest: requireRole('opdrachtgever', 'beheerder'),
      schema: {
        tags: ['perioden'],
        summary: 'Periode vaststellen: cijfers erin kunnen niet meer wijzigen',
        params: PeriodParamsSchema,
        response: { 200: LockResultSchema, ...errors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const dvo = currentDvo(request);
      const { changed } = lockPeriod(db, dvo, request.params.period, user.id, now());
      return { period: request.params.period, locked: true, changed };
    },
  );

  r.post(
    '/api/dvos/:dvo/periods/:period/unlock',
    {
      onRequest: requireRole('opdrachtgever', 'beheerder'),
      schema: {
        tags: ['perioden'],
        summary: 'Vastgestelde periode heropenen',
        params: PeriodParamsSchema,
        body: UnlockBodySchema,
        response: { 200: LockResultSchema, ...errors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const dvo = currentDvo(request);
      const { changed } = unlockPeriod(db, dvo, request.params.period, user.id, request.body?.reason ?? null, now());
      return { period: request.params.period, locked: false, changed };
    },
  );
}
