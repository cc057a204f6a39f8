import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { DvoParamsSchema } from '../../../shared/contracts/dvos.ts';
import {
  NormEffectSchema,
  NormVersionInputSchema,
  NormVersionListSchema,
  RecordedNormVersionSchema,
} from '../../../shared/contracts/norms.ts';
import { currentDvo, findDvo, listIndicators } from '../../core/dvo-access.ts';
import { normEffect } from '../../core/evaluation/norm-effect.ts';
import { normHistory, recordNormVersion } from '../../core/norms/norms.ts';
import { AppError } from '../../errors.ts';
import { currentUser, requireRole, requireUser } from '../../plugins/auth.ts';
import { errorResponses } from '../../schemas.ts';

const IndicatorParamsSchema = DvoParamsSchema.extend({ code: z.string().min(1).max(100) });
const VersionParamsSchema = IndicatorParamsSchema.extend({ version: z.coerce.number().int().positive() });

/** Norm versions of one agreement (interface.md §7, decision 0021). */
export async function normRoutes(app: FastifyInstance, { db, now }: { db: Db; now: () => Date }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  function requireIndicator(dvoId: number, code: string): void {
    if (!listIndicators(db, dvoId).some((i) => i.definition.code === code))
      throw new AppError('not_found', `Afspraak '${code}' bestaat niet in deze DVO.`);
  }

  r.get(
    '/api/dvos/:dvo/indicators/:code/norms',
    {
      onRequest: requireUser,
      schema: {
        tags: ['dvo'],
        summary: 'Alle versies van de norm van een afspraak, nieuwste eerst',
        params: IndicatorParamsSchema,
        response: { 200: NormVersionListSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const dvo = currentDvo(request);
      requireIndicator(dvo.id, request.params.code);
      return { indicator: request.params.code, versions: normHistory(db, dvo, request.params.code) };
    },
  );

  r.post(
    '/api/dvos/:dvo/indicators/:code/norms',
    {
      onRequest: requireRole('beheerder', 'opdrachtgever'),
      schema: {
        tags: ['dvo'],
        summary: 'Een nieuwe versie van de norm vastleggen (met de statussen van het jaar die erdoor veranderen)',
        params: IndicatorParamsSchema,
        body: NormVersionInputSchema,
        response: { 201: RecordedNormVersionSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const dvo = currentDvo(request);
      const saved = recordNormVersion(db, {
        dvo,
        code: request.params.code,
        proposal: request.body,
        user,
        clock: now,
      });
      // the DVO with its raised data version, so the comparison sees the new version
      const fresh = findDvo(db, dvo.slug) ?? dvo;
      reply.code(201);
      return { ...saved, effect: normEffect(db, fresh, saved, now(), true) };
    },
  );

  r.get(
    '/api/dvos/:dvo/indicators/:code/norms/:version/effect',
    {
      onRequest: requireUser,
      schema: {
        tags: ['dvo'],
        summary: 'Welke statussen van het jaar door deze normversie veranderden',
        params: VersionParamsSchema,
        response: { 200: NormEffectSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const dvo = currentDvo(request);
      requireIndicator(dvo.id, request.params.code);
      const version = normHistory(db, dvo, request.params.code).find((v) => v.version === request.params.version);
      if (!version)
        throw new AppError('not_found', `Versie ${request.params.version} van '${request.params.code}' bestaat niet.`);
      return normEffect(db, dvo, version, now());
    },
  );
}
