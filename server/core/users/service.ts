import { randomBytes } from 'node:crypto';
import { and, asc, type Column, desc, eq, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { type Db, inTransaction } from '../../../db/client.ts';
import { apiTokens, auditLog, organisations, sessions, users } from '../../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { createUser, hasBeheerder, normaliseEmail, type Role } from './repository.ts';

export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * The organisation whose users an organisation-bound beheerder manages, or null for a beheerder of all
 * organisations (and the CLI). Decision 0004.
 */
export type Within = number | null;

const OTHER_ORGANISATION = 'U beheert alleen gebruikers van uw eigen organisatie.';

export function listUsers(db: Db, within: Within) {
  const query = db
    .select({
      username: users.username,
      role: users.role,
      organisation: organisations.slug,
      disabled: users.disabled,
      createdAt: users.createdAt,
      email: users.email,
    })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId));
  return (within === null ? query : query.where(eq(users.organisationId, within))).orderBy(asc(users.username)).all();
}

/** A user of another organisation answers like an unknown one, as another organisation's DVO does. */
function requireUserRow(db: Db, username: string, within: Within) {
  const row = db.select().from(users).where(eq(users.username, username)).get();
  if (!row || (within !== null && row.organisationId !== within)) {
    throw new AppError('not_found', `Gebruiker '${username}' bestaat niet.`);
  }
  return row;
}

function lookUpOrganisation(db: Db, slug: string): number {
  const org = db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug)).get();
  if (!org) throw new AppError('not_found', `Organisatie '${slug}' bestaat niet.`);
  return org.id;
}

/** Adds a user (Beheer page); without a password one is generated and returned once. */
export async function addUser(
  db: Db,
  input: { username: string; password?: string | undefined; role: Role; organisation: string | null },
  byUserId: number,
  now: Date,
  within: Within,
): Promise<{ password: string | null }> {
  if (within !== null && (input.organisation === null || lookUpOrganisation(db, input.organisation) !== within)) {
    throw new AppError('forbidden', OTHER_ORGANISATION);
  }
  const password = input.password ?? generatePassword();
  const { id } = await createUser(db, { ...input, password }, now);
  recordAudit(
    db,
    {
      userId: byUserId,
      action: 'user.create',
      entity: 'user',
      entityId: id,
      after: { username: input.username, role: input.role, organisation: input.organisation },
    },
    now,
  );
  return { password: input.password ? null : password };
}

/**
 * Changes role, organisation or disabled; a disabled user's sessions end at once. Nobody changes their
 * own role or organisation here: an organisation-bound beheerder could otherwise leave its organisation
 * and so see every DVO (decision 0004).
 */
export function updateUser(
  db: Db,
  username: string,
  change: {
    role?: Role | undefined;
    organisation?: string | null | undefined;
    disabled?: boolean | undefined;
    /** For reminder mails; null or empty removes it. */
    email?: string | null | undefined;
  },
  /** null when done from the CLI */
  byUserId: number | null,
  now: Date,
  within: Within,
): void {
  inTransaction(db, () => {
    const before = requireUserRow(db, username, within);
    const role = change.role ?? before.role;
    const organisationId =
      change.organisation === undefined
        ? before.organisationId
        : change.organisation === null
          ? null
          : lookUpOrganisation(db, change.organisation);
    if (before.id === byUserId && (role !== before.role || organisationId !== before.organisationId)) {
      throw new AppError('forbidden', 'Alleen een andere beheerder kan uw eigen rol of organisatie wijzigen.');
    }
    if (within !== null && organisationId !== within) throw new AppError('forbidden', OTHER_ORGANISATION);
    if (organisationId === null && role !== 'beheerder') {
      throw new AppError('validation_failed', `Een gebruiker met rol ${role} hoort bij een organisatie.`);
    }
    if (organisationId !== null && (role === 'opdrachtgever' || role === 'opdrachtnemer')) {
      const org = db.select().from(organisations).where(eq(organisations.id, organisationId)).get();
      const expected = role === 'opdrachtgever' ? 'gemeente' : 'werkbedrijf';
      if (org && org.type !== expected) {
        throw new AppError(
          'validation_failed',
          `Rol ${role} hoort bij een ${expected}; ${org.name} is een ${org.type}.`,
        );
      }
    }
    const disabled = change.disabled ?? before.disabled;
    const email = change.email === undefined ? before.email : normaliseEmail(change.email);
    db.update(users).set({ role, organisationId, disabled, email }).where(eq(users.id, before.id)).run();
    if (disabled || role !== before.role) db.delete(sessions).where(eq(sessions.userId, before.id)).run();
    if (!hasBeheerder(db)) {
      throw new AppError('conflict', 'Er moet minstens één actieve beheerder blijven.');
    }
    recordAudit(
      db,
      {
        userId: byUserId,
        action: 'user.update',
        entity: 'user',
        entityId: before.id,
        before: {
          role: before.role,
          organisationId: before.organisationId,
          disabled: before.disabled,
          email: before.email,
        },
        after: { role, organisationId, disabled, email },
      },
      now,
    );
  });
}

/**
 * Sets a new password (given, or generated and returned once), ends the user's sessions and revokes
 * their API tokens: a reset after a leak must shut every door the old password opened.
 */
export async function resetPassword(
  db: Db,
  username: string,
  password: string | undefined,
  byUserId: number | null,
  now: Date,
  within: Within,
): Promise<{ password: string | null }> {
  const next = password ?? generatePassword();
  const weak = checkPasswordStrength(next);
  if (weak) throw new AppError('validation_failed', weak);
  const hash = await hashPassword(next);
  inTransaction(db, () => {
    const user = requireUserRow(db, username, within);
    db.update(users).set({ passwordHash: hash }).where(eq(users.id, user.id)).run();
    db.delete(sessions).where(eq(sessions.userId, user.id)).run();
    const revoked = db
      .update(apiTokens)
      .set({ revokedAt: now.toISOString() })
      .where(and(eq(apiTokens.userId, user.id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id })
      .all();
    // never the password or its hash in the audit log
    recordAudit(db, { userId: byUserId, action: 'user.password_reset', entity: 'user', entityId: user.id }, now);
    for (const token of revoked) {
      recordAudit(db, { userId: byUserId, action: 'token.revoke', entity: 'api_token', entityId: token.id }, now);
    }
  });
  return { password: password ? null : next };
}

/** The users of the organisation an audit entry is about, apart from the one who wrote it. */
const member = alias(users, 'member');

/** An id as the audit log stores an entity's id: text. */
const asText = (id: Column) => sql<string>`cast(${id} as text)`;

/**
 * The entries about one organisation's users: what they did, and what was done to them or to their
 * API tokens (by anyone, a beheerder of all organisations included). Decision 0004.
 */
function aboutOrganisation(db: Db, organisationId: number): SQL | undefined {
  const members = db
    .select({ id: asText(member.id) })
    .from(member)
    .where(eq(member.organisationId, organisationId));
  const tokens = db
    .select({ id: asText(apiTokens.id) })
    .from(apiTokens)
    .innerJoin(member, eq(member.id, apiTokens.userId))
    .where(eq(member.organisationId, organisationId));
  return or(
    eq(users.organisationId, organisationId),
    and(eq(auditLog.entity, 'user'), inArray(auditLog.entityId, members)),
    and(eq(auditLog.entity, 'api_token'), inArray(auditLog.entityId, tokens)),
  );
}

/** The audit log, newest first, in pages: `before` is the id of the last entry of the previous page. */
export function listAudit(db: Db, options: { limit: number; before?: number | undefined }, within: Within) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      user: users.username,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(
      and(
        options.before ? lt(auditLog.id, options.before) : undefined,
        within === null ? undefined : aboutOrganisation(db, within),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(options.limit)
    .all();
}
