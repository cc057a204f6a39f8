import { z } from 'zod';

/**
 * The closed set of error codes of the API with the HTTP status each is answered with
 * (interface.md §4). The server throws them, the client maps them to Dutch text; both read this.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  /** a well-formed period of another year than the DVO's: the client offers the DVO year's months */
  period_outside_dvo_year: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  locked: 409,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  internal: 500,
  /** another process holds the database's write lock: try again shortly (with Retry-After) */
  busy: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/** One problem of a request or a file: where (row as the user sees it in Excel, column) and what. */
export const ErrorDetailSchema = z.object({
  row: z.number().optional(),
  column: z.string().optional(),
  message: z.string(),
});
export type ErrorDetail = z.infer<typeof ErrorDetailSchema>;

/** Every error response: `{ error: { code, message, details? } }`. */
export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.array(ErrorDetailSchema).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;
