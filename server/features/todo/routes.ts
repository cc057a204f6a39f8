import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../db/client.ts';
import {
  MailSettingsPatchSchema,
  MailSettingsSchema,
  TeDoenResponseSchema,
} from '../../../shared/contracts/te-doen.ts';
import { readMailSettings, writeMailOptOut } from '../../core/mail/settings.ts';
import { buildTeDoen, teDoenUserById } from '../../core/te-doen/te-doen.ts';
import { AppError } from '../../errors.ts';
import { currentUser, requireUser } from '../../plugins/auth.ts';
import { ErrorResponseSchema } from '../../schemas.ts';

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema };

export interface TodoRouteOptions {
  db: Db;
  now: () => Date;
  /** Whether the server can send mail (SMTP_URL and MAIL_FROM set). */
  mailEnabled: boolean;
}

/** Te doen: what is the signed-in user's to do now, and their own reminder settings (issue 15). */
export async function todoRoutes(app: FastifyInstance, { db, now, mailEnabled }: TodoRouteOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const requireTodoUser = (id: number) => {
    const user = teDoenUserById(db, id);
    if (!user) throw new AppError('unauthorized', 'U bent niet ingelogd.');
    return user;
  };

  r.get(
    '/api/todo',
    {
      onRequest: requireUser,
      schema: {
        tags: ['te doen'],
        summary:
          'Wat nu voor de gebruiker te doen is: aanleveringen die (bijna) verlopen, afwijkingen zonder toelichting of maatregel, eigen actiepunten, de volgende overleggen',
        response: { 200: TeDoenResponseSchema, ...errors },
      },
    },
    async (request) => buildTeDoen(db, requireTodoUser(currentUser(request).id), now()),
  );

  r.get(
    '/api/todo/mail',
    {
      onRequest: requireUser,
      schema: {
        tags: ['te doen'],
        summary: 'De eigen herinneringsmails: welke soorten aan staan, naar welk adres, en of de server mail verstuurt',
        response: { 200: MailSettingsSchema, ...errors },
      },
    },
    async (request) => readMailSettings(db, currentUser(request).id, mailEnabled),
  );

  r.patch(
    '/api/todo/mail',
    {
      onRequest: requireUser,
      schema: {
        tags: ['te doen'],
        summary: 'Herinneringsmails per soort aan- of uitzetten (alleen voor uzelf)',
        body: MailSettingsPatchSchema,
        response: { 200: MailSettingsSchema, ...errors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      writeMailOptOut(db, user.id, request.body.kinds);
      return readMailSettings(db, user.id, mailEnabled);
    },
  );
}
