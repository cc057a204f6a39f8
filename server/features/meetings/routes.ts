import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import {
  MeetingCreateBodySchema,
  MeetingDetailSchema,
  MeetingDeviationsResponseSchema,
  MeetingItemCreateBodySchema,
  MeetingItemPatchBodySchema,
  MeetingItemSchema,
  MeetingListSchema,
  MeetingPatchBodySchema,
  MeetingSchema,
} from '../../../shared/contracts/deviations.ts';
import { DvoParamsSchema } from '../../../shared/contracts/dvos.ts';
import { currentDvo } from '../../core/dvo-access.ts';
import { sendExport } from '../../core/reports/send.ts';
import { deviationTrends } from '../../core/reports/trends.ts';
import { currentUser, requireRole, requireUser } from '../../plugins/auth.ts';
import { errorResponses } from '../../schemas.ts';
import { listMeetings } from './repository.ts';
import {
  addMeetingItem,
  meetingDetail,
  meetingDeviations,
  openMeeting,
  requireMeeting,
  updateMeeting,
  updateMeetingItem,
} from './service.ts';

const MeetingParamsSchema = DvoParamsSchema.extend({ id: z.coerce.number().int().positive() });
const ItemParamsSchema = DvoParamsSchema.extend({ itemId: z.coerce.number().int().positive() });
const ExportQuerySchema = z.object({
  format: z.enum(['json', 'csv', 'xlsx', 'pdf', 'docx']).default('json'),
  history: z.enum(['true', 'false']).optional(),
});

const readErrors = errorResponses(400, 401, 404);
const writeErrors = { ...readErrors, ...errorResponses(403, 409, 422) };

/** The gemeente opens and records meetings; both parties record decisions and action items. */
const CHAIR = requireRole('beheerder', 'opdrachtgever');
const PARTIES = requireRole('beheerder', 'opdrachtgever', 'opdrachtnemer');

export async function meetingRoutes(app: FastifyInstance, { db, now }: { db: Db; now: () => Date }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/dvos/:dvo/meetings',
    {
      onRequest: requireUser,
      schema: {
        tags: ['overleggen'],
        summary: 'Voortgangsbesprekingen, kwartaaloverleggen en bestuurlijke overleggen, nieuwste eerst',
        params: DvoParamsSchema,
        response: { 200: MeetingListSchema, ...readErrors },
      },
    },
    async (request) => {
      const dvo = currentDvo(request);
      return { meetings: listMeetings(db, dvo.id) };
    },
  );

  r.post(
    '/api/dvos/:dvo/meetings',
    {
      onRequest: CHAIR,
      schema: {
        tags: ['overleggen'],
        summary: 'Overleg openen: de afwijkingenlijst wordt bevroren zoals de gegevens nu zijn (asOf)',
        params: DvoParamsSchema,
        body: MeetingCreateBodySchema,
        response: { 201: MeetingSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const dvo = currentDvo(request);
      const meeting = openMeeting(db, { dvo, user, body: request.body, now: now() });
      return reply.code(201).send(meeting);
    },
  );

  r.get(
    '/api/dvos/:dvo/meetings/:id',
    {
      onRequest: requireUser,
      schema: {
        tags: ['overleggen'],
        summary: 'Eén overleg met zijn besluiten en actiepunten (ook de doorgeschoven open punten) en signalen',
        params: MeetingParamsSchema,
        response: { 200: MeetingDetailSchema, ...readErrors },
      },
    },
    async (request) => {
      const dvo = currentDvo(request);
      return meetingDetail(db, dvo, requireMeeting(db, dvo, request.params.id));
    },
  );

  r.patch(
    '/api/dvos/:dvo/meetings/:id',
    {
      onRequest: CHAIR,
      schema: {
        tags: ['overleggen'],
        summary: 'Aanwezigen of titel aanvullen (soort, periode en asOf blijven)',
        params: MeetingParamsSchema,
        body: MeetingPatchBodySchema,
        response: { 200: MeetingSchema, ...writeErrors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const dvo = currentDvo(request);
      return updateMeeting(db, { dvo, id: request.params.id, user, body: request.body, now: now() });
    },
  );

  r.get(
    '/api/dvos/:dvo/meetings/:id/deviations',
    {
      onRequest: requireUser,
      schema: {
        tags: ['overleggen'],
        summary:
          'De afwijkingenlijst van het overleg precies zoals besproken (stand bij opening), met besluiten en actiepunten; format=csv|xlsx|pdf|docx',
        params: MeetingParamsSchema,
        querystring: ExportQuerySchema,
        response: { 200: MeetingDeviationsResponseSchema, ...readErrors },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const dvo = currentDvo(request);
      const meeting = requireMeeting(db, dvo, request.params.id);
      const moment = now();
      const list = meetingDeviations(db, {
        dvo,
        meeting,
        user,
        history: request.query.history === 'true',
        now: moment,
      });
      if (request.query.format === 'json') return list;
      return sendExport(
        reply as FastifyReply,
        list,
        request.query.format,
        moment,
        deviationTrends(db, dvo, list, moment),
      );
    },
  );

  r.post(
    '/api/dvos/:dvo/meetings/:id/items',
    {
      onRequest: PARTIES,
      schema: {
        tags: ['overleggen'],
        summary: 'Besluit of actiepunt vastleggen (tekst, eigenaar, deadline; eventueel bij een afwijking)',
        params: MeetingParamsSchema,
        body: MeetingItemCreateBodySchema,
        response: { 201: MeetingItemSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const dvo = currentDvo(request);
      const meeting = requireMeeting(db, dvo, request.params.id);
      const item = addMeetingItem(db, { dvo, meeting, user, body: request.body, now: now() });
      return reply.code(201).send(item);
    },
  );

  r.patch(
    '/api/dvos/:dvo/meeting-items/:itemId',
    {
      onRequest: PARTIES,
      schema: {
        tags: ['overleggen'],
        summary: 'Besluit of actiepunt afronden (state done), heropenen of aanpassen',
        params: ItemParamsSchema,
        body: MeetingItemPatchBodySchema,
        response: { 200: MeetingItemSchema, ...writeErrors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const dvo = currentDvo(request);
      return updateMeetingItem(db, { dvo, id: request.params.itemId, user, body: request.body, now: now() });
    },
  );
}
