import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import {
  AuditListSchema,
  NewUserSchema,
  PasswordOnceSchema,
  UserChangeSchema,
  UserListSchema,
} from '../../../shared/contracts/admin.ts';
import type { AuthUser } from '../../core/users/identity.ts';
import { addUser, listAudit, listUsers, resetPassword, updateUser, type Within } from '../../core/users/service.ts';
import { currentUser, requireRole } from '../../plugins/auth.ts';
import { errorResponses } from '../../schemas.ts';

const errors = errorResponses(400, 401, 403, 404, 409, 422);
const UsernameParams = z.object({ username: z.string().min(1).max(64) });
const onlyBeheerder = requireRole('beheerder');

/**
 * A beheerder with an organisation manages that organisation only; one without manages all (decision
 * 0004). Only beheerders reach the routes that use it.
 */
function within(user: AuthUser): Within {
  return user.organisationId;
}

/** The Beheer page: users and the audit log. */
export async function adminRoutes(app: FastifyInstance, { db, now }: { db: Db; now: () => Date }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/admin/users',
    {
      onRequest: onlyBeheerder,
      schema: { tags: ['beheer'], summary: 'Gebruikers', response: { 200: UserListSchema, ...errors } },
    },
    async (request) => ({ users: listUsers(db, within(currentUser(request))) }),
  );

  r.post(
    '/api/admin/users',
    {
      onRequest: onlyBeheerder,
      schema: {
        tags: ['beheer'],
        summary: 'Gebruiker toevoegen',
        body: NewUserSchema,
        response: { 201: PasswordOnceSchema, ...errors },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const result = await addUser(db, request.body, user.id, now(), within(user));
      return reply.code(201).send(result);
    },
  );

  r.patch(
    '/api/admin/users/:username',
    {
      onRequest: onlyBeheerder,
      schema: {
        tags: ['beheer'],
        summary: 'Rol, organisatie of uitschakelen wijzigen',
        params: UsernameParams,
        body: UserChangeSchema,
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      updateUser(db, request.params.username, request.body, user.id, now(), within(user));
      return { ok: true as const };
    },
  );

  r.post(
    '/api/admin/users/:username/password',
    {
      onRequest: onlyBeheerder,
      schema: {
        tags: ['beheer'],
        summary: 'Nieuw wachtwoord (eenmalig getoond); beëindigt de sessies van de gebruiker',
        params: UsernameParams,
        response: { 200: PasswordOnceSchema, ...errors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      return resetPassword(db, request.params.username, undefined, user.id, now(), within(user));
    },
  );

  r.get(
    '/api/admin/audit',
    {
      onRequest: onlyBeheerder,
      schema: {
        tags: ['beheer'],
        summary: 'Auditlog, nieuwste eerst',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          before: z.coerce.number().int().positive().optional(),
        }),
        response: { 200: AuditListSchema, ...errors },
      },
    },
    async (request) => ({ entries: listAudit(db, request.query, within(currentUser(request))) }),
  );
}
