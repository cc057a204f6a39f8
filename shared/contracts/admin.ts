import { z } from 'zod';
import { RoleSchema } from './session.ts';

export const UserSummarySchema = z.object({
  username: z.string(),
  role: RoleSchema,
  organisation: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
  /** Where reminder mails go; null = none. */
  email: z.string().nullable(),
});
export const UserListSchema = z.object({ users: z.array(UserSummarySchema) });
export type UserList = z.infer<typeof UserListSchema>;

export const NewUserSchema = z.object({
  username: z.string().min(2).max(64),
  password: z.string().min(12).max(1000).optional(),
  role: RoleSchema,
  organisation: z.string().max(100).nullable(),
});

export const UserChangeSchema = z.object({
  role: RoleSchema.optional(),
  organisation: z.string().max(100).nullable().optional(),
  disabled: z.boolean().optional(),
  /** null or '' removes it; checked as an address by the server (422). */
  email: z.string().max(254).nullable().optional(),
});

/** A generated password, shown once. */
export const PasswordOnceSchema = z.object({ password: z.string().nullable() });
export type PasswordOnce = z.infer<typeof PasswordOnceSchema>;

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  user: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export const AuditListSchema = z.object({ entries: z.array(AuditEntrySchema) });
export type AuditList = z.infer<typeof AuditListSchema>;

export const ApiTokenSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  label: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const ApiTokenListSchema = z.object({ tokens: z.array(ApiTokenSchema) });
export type ApiTokenList = z.infer<typeof ApiTokenListSchema>;
export const NewApiTokenSchema = z.object({ label: z.string().min(1).max(100) });
/** The token itself, shown once. */
export const CreatedApiTokenSchema = z.object({ id: z.number().int(), token: z.string() });
export type CreatedApiToken = z.infer<typeof CreatedApiTokenSchema>;
