import { and, desc, eq, isNull, type SQL } from 'drizzle-orm';
import { type Db, inTransaction } from '../../../db/client.ts';
import { apiTokens, users } from '../../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit.ts';
import { newToken, sha256 } from './identity.ts';

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

/** Whose tokens someone manages: their own, those of one organisation's users (its beheerder), or all. */
export type TokenScope = { userId: number } | { organisationId: number } | 'all';

function inScope(scope: TokenScope): SQL | undefined {
  if (scope === 'all') return undefined;
  return 'userId' in scope ? eq(apiTokens.userId, scope.userId) : eq(users.organisationId, scope.organisationId);
}

export function listApiTokens(db: Db, scope: TokenScope) {
  return db
    .select({
      id: apiTokens.id,
      username: users.username,
      label: apiTokens.label,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(inScope(scope))
    .orderBy(desc(apiTokens.createdAt))
    .all();
}

/** Revokes a token within the revoker's scope; one outside it answers as unknown. Idempotent. */
export function revokeApiToken(db: Db, input: { id: number; byUserId: number; scope: TokenScope }, now: Date): void {
  inTransaction(db, () => {
    const token = db
      .select({ revokedAt: apiTokens.revokedAt })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.id, input.id), inScope(input.scope)))
      .get();
    if (!token) throw new AppError('not_found', 'Dit token bestaat niet.');
    if (token.revokedAt) return;
    db.update(apiTokens)
      .set({ revokedAt: now.toISOString() })
      .where(and(eq(apiTokens.id, input.id), isNull(apiTokens.revokedAt)))
      .run();
    recordAudit(db, { userId: input.byUserId, action: 'token.revoke', entity: 'api_token', entityId: input.id }, now);
  });
}
