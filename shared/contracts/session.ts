import { z } from 'zod';

export const RoleSchema = z.enum(['beheerder', 'opdrachtgever', 'opdrachtnemer', 'lezer']);
export type Role = z.infer<typeof RoleSchema>;

export const LoginRequestSchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1000),
});

export const SessionSchema = z.object({
  user: z.object({
    username: z.string(),
    role: RoleSchema,
    organisation: z.object({ slug: z.string(), name: z.string() }).nullable(),
  }),
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type Session = z.infer<typeof SessionSchema>;
