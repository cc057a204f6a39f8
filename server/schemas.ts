import { z } from 'zod';

/** Every error response: `{ error: { code, message, details? } }` (interface.md §4). */
export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z
      .array(z.object({ row: z.number().optional(), column: z.string().optional(), message: z.string() }))
      .optional(),
  }),
});
