import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { ApiTokenListSchema, CreatedApiTokenSchema, NewApiTokenSchema } from '../../../shared/contracts/admin.ts';
import type { AuthUser } from '../../core/users/identity.ts';
import { createApiToken, listApiTokens, revokeApiToken, type TokenScope } from '../../core/users/tokens.ts';
import { AppError } from '../../errors.ts';
import { currentUser, requireUser } from '../../plugins/auth.ts';
import { errorResponses } from '../../schemas.ts';

const errors = errorResponses(400, 401, 403, 404, 409, 422);

/** Everyone manages their own tokens; a beheerder also those of the users they manage (decision 0004). */
function tokenScope(user: AuthUser): TokenScope {
  if (user.role !== 'beheerder') return { userId: user.id };
  return user.organisationId === null ? 'all' : { organisationId: user.organisationId };
}

/** Personal API tokens for scripts that deliver figures (interface.md §4). */
export async function tokenRoutes(app: FastifyInstance, { db, now }: { db: Db; now: () => Date }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/tokens',
    {
      onRequest: requireUser,
      schema: {
        tags: ['tokens'],
        summary: 'API-tokens: de eigen, of voor een beheerder die van de gebruikers die hij beheert',
        response: { 200: ApiTokenListSchema, ...errors },
      },
    },
    async (request) => ({ tokens: listApiTokens(db, tokenScope(currentUser(request))) }),
  );

  r.post(
    '/api/tokens',
    {
      onRequest: requireUser,
      schema: {
        tags: ['tokens'],
        summary: 'Persoonlijk API-token aanmaken (eenmalig getoond)',
        body: NewApiTokenSchema,
        response: { 201: CreatedApiTokenSchema, ...errors },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      // a leaked token must not be able to outlive its revocation by minting successors
      if (user.via === 'token') {
        throw new AppError(
          'forbidden',
          'Een API-token kan geen nieuwe tokens maken. Log in om een token aan te maken.',
        );
      }
      const created = createApiToken(
        db,
        { username: user.username, label: request.body.label, byUserId: user.id },
        now(),
      );
      return reply.code(201).send(created);
    },
  );

  r.delete(
    '/api/tokens/:id',
    {
      onRequest: requireUser,
      schema: {
        tags: ['tokens'],
        summary: 'API-token intrekken',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      revokeApiToken(db, { id: request.params.id, byUserId: user.id, scope: tokenScope(user) }, now());
      return reply.code(204).send(null);
    },
  );
}
