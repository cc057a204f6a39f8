import { and, desc, eq, isNull } from 'drizzle-orm';
import { type Db, inTransaction } from '../../../db/client.ts';
import { apiTokens, users } from '../../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { newToken, sha256 } from '../../plugins/auth.ts';
import { recordAudit } from '../audit.ts';

/** Tokens start with a recognisable prefix, so a leaked one can be found by secret scanners. */
const PREFIX = 'dvo_';

/** Creates a personal API token; the token itself is returned once and only its hash is stored. */
export function createApiToken(
  db: Db,
  input: { username: string; label: string; byUserId: number | null },
  now: Date,
): { id: number; token: string } {
  const user = db
    .select({ id: users.id, disabled: users.disabled })
    .from(users)
    .where(eq(users.username, input.username))
    .get();
  if (!user) throw new AppError('not_found', `Gebruiker '${input.username}' bestaat niet.`);
  if (user.disabled) throw new AppError('validation_failed', `Gebruiker '${input.username}' is uitgeschakeld.`);
  const token = `${PREFIX}${newToken()}`;
  return inTransaction(db, () => {
    const row = db
      .insert(apiTokens)
      .values({ tokenHash: sha256(token), userId: user.id, label: input.label, createdAt: now.toISOString() })
      .returning({ id: apiTokens.id })
      .get();
    recordAudit(
      db,
      {
        userId: input.byUserId,
        action: 'token.create',
        entity: 'api_token',
        entityId: row.id,
        after: { user: input.username, label: input.label },
      },
      now,
    );
    return { id: row.id, token };
  });
}

export function listApiTokens(db: Db, userId: number | null) {
  const query = db
    .select({
      id: apiTokens.id,
      username: users.username,
      label: apiTokens.label,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId));
  return (userId === null ? query : query.where(eq(apiTokens.userId, userId))).orderBy(desc(apiTokens.createdAt)).all();
}

/** Revokes a token; a user may revoke their own, a beheerder any. Idempotent. */
export function revokeApiToken(db: Db, input: { id: number; byUserId: number; any: boolean }, now: Date): void {
  inTransaction(db, () => {
    const token = db.select().from(apiTokens).where(eq(apiTokens.id, input.id)).get();
    if (!token || (!input.any && token.userId !== input.byUserId)) {
      throw new AppError('not_found', 'Dit token bestaat niet.');
    }
    if (token.revokedAt) return;
    db.update(apiTokens)
      .set({ revokedAt: now.toISOString() })
      .where(and(eq(apiTokens.id, input.id), isNull(apiTokens.revokedAt)))
      .run();
    recordAudit(db, { userId: input.byUserId, action: 'token.revoke', entity: 'api_token', entityId: input.id }, now);
  });
}
