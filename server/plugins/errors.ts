import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isBusyError } from '../../db/client.ts';
import { AppError, ERROR_STATUS, type ErrorCode, type ErrorDetail, withNothingStored } from '../errors.ts';

interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetail[] };
}

function body(code: ErrorCode, message: string, details?: ErrorDetail[]): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

const RETRY_AFTER_SECONDS = '1';

/** Fastify's own error codes for bad requests, mapped to our codes and Dutch messages. */
const FASTIFY_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'too_large', message: 'Het verzoek is te groot.' },
  FST_REQ_FILE_TOO_LARGE: { code: 'too_large', message: 'Het bestand is groter dan toegestaan.' },
  FST_PARTS_LIMIT: { code: 'too_large', message: 'Het verzoek bevat te veel onderdelen.' },
  FST_FILES_LIMIT: { code: 'bad_request', message: 'Stuur één bestand per keer.' },
  FST_FIELDS_LIMIT: { code: 'bad_request', message: 'Het verzoek bevat te veel velden.' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    code: 'unsupported_media_type',
    message: 'Stuur het bestand als multipart/form-data in het veld "file".',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message: 'Dit type inhoud wordt niet ondersteund.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'bad_request', message: 'De lengte van het verzoek klopt niet.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'bad_request', message: 'Het verzoek heeft geen inhoud.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'bad_request', message: 'Het verzoek is geen geldige JSON.' },
  FST_ERR_CTP_EMPTY_TYPE: { code: 'bad_request', message: 'Het verzoek mist een Content-Type.' },
  FST_ERR_CTP_INVALID_TYPE: { code: 'bad_request', message: 'Het Content-Type is ongeldig.' },
};

/**
 * Fastify's `frameworkErrors`: what it meets before any route, hook or error handler runs (an address
 * that is not valid percent-encoding, such as `/api/%c0`), answered in the same shape as everything else.
 */
export function answerFrameworkError(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const message = err.code === 'FST_ERR_BAD_URL' ? 'Het adres is ongeldig.' : 'Het verzoek is ongeldig.';
  reply.code(400).send(body('bad_request', message));
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route delivers figures (all or nothing, in one transaction): every refusal of it says that
     * nothing was stored, whoever raised it (a reader, the validation, the multipart or JSON parser).
     */
    delivery?: boolean;
  }
}

interface Answer {
  status: number;
  code: ErrorCode;
  message: string;
  details?: ErrorDetail[] | undefined;
}

/** The answer to an error that is not ours: Fastify's own, a schema mismatch, a body it could not parse. */
function frameworkAnswer(err: FastifyError): Answer {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((issue) => ({
      column: issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || undefined,
      message: issue.message ?? 'ongeldige waarde',
    }));
    return { status: 400, code: 'bad_request', message: 'Het verzoek klopt niet met wat de API verwacht.', details };
  }
  const known = err.code ? FASTIFY_ERRORS[err.code] : undefined;
  if (known) return { status: ERROR_STATUS[known.code], ...known };
  if (err instanceof SyntaxError || err.statusCode === 400) {
    return { status: 400, code: 'bad_request', message: 'Het verzoek is ongeldig.' };
  }
  if (err.statusCode === 429) {
    return { status: 429, code: 'rate_limited', message: 'Te veel pogingen. Probeer het over een minuut opnieuw.' };
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return { status: err.statusCode, code: 'bad_request', message: 'Het verzoek is ongeldig.' };
  }
  return { status: 500, code: 'internal', message: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.' };
}

/**
 * One error handler: user errors become `{ error: { code, message, details? } }` with their status;
 * anything unexpected is logged and masked as a 500 without internals. A refused delivery (4xx, or
 * 503 while the database is busy: its transaction rolled back) says that nothing was stored; a 500
 * does not, as the handler cannot know where it went wrong.
 */
export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((err: FastifyError, request, reply) => {
      let answer: Answer;
      if (isBusyError(err)) {
        // the transaction rolled back whole, so trying again is safe
        reply.header('retry-after', RETRY_AFTER_SECONDS);
        answer = {
          status: ERROR_STATUS.busy,
          code: 'busy',
          message: 'De database is even bezet. Probeer het over een paar seconden opnieuw.',
        };
      } else if (err instanceof AppError) {
        if (err.statusCode >= 500) request.log.error({ err, cause: err.cause }, err.message);
        answer = { status: err.statusCode, code: err.code, message: err.message, details: err.details };
      } else {
        answer = frameworkAnswer(err);
        if (answer.status === 500) request.log.error({ err }, 'unexpected error');
      }
      const message =
        request.routeOptions.config?.delivery && answer.status !== 500
          ? withNothingStored(answer.message)
          : answer.message;
      return reply.code(answer.status).send(body(answer.code, message, answer.details));
    });
  },
  { name: 'errors' },
);
