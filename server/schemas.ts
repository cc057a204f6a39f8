import { ErrorResponseSchema } from '../shared/contracts/errors.ts';

export { ErrorResponseSchema };

/** The error answers of a route, by status, for its response schema (`{ ...errorResponses(400, 404) }`). */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof ErrorResponseSchema> {
  return Object.fromEntries(statuses.map((status) => [status, ErrorResponseSchema])) as Record<
    S,
    typeof ErrorResponseSchema
  >;
}
