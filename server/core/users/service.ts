import { randomBytes } from 'node:crypto';
import { asc, desc, eq, lt } from 'drizzle-orm';
import { type Db, inTransaction } from '../../../db/client.ts';
import { auditLog, organisations, sessions, users } from '../../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { createUser, hasBeheerder, normaliseEmail, type Role } from './repository.ts';

export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

export function listUsers(db: Db) {
  return db
    .select({
      username: users.username,
      role: users.role,
      organisation: organisations.slug,
      disabled: users.disabled,
      createdAt: users.createdAt,
      email: users.email,
    })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .orderBy(asc(users.username))
    .all();
}

function requireUserRow(db: Db, username: string) {
  const row = db.select().from(users).where(eq(users.username, username)).get();
  if (!row) throw new AppError('not_found', `Gebruiker '${username}' bestaat niet.`);
  return row;
}

/** Adds a user (Beheer page); without a password one is generated and returned once. */
export async function addUser(
  db: Db,
  input: { username: string; password?: string | undefined; role: Role; organisation: string | null },
  byUserId: number,
  now: Date,
): Promise<{ password: string | null }> {
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

/** Changes role, organisation or disabled; a disabled user's sessions end at once. */
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
): void {
  inTransaction(db, () => {
    const before = requireUserRow(db, username);
    const role = change.role ?? before.role;
    let organisationId = before.organisationId;
    if (change.organisation !== undefined) {
      if (change.organisation === null) organisationId = null;
      else {
        const org = db.select().from(organisations).where(eq(organisations.slug, change.organisation)).get();
        if (!org) throw new AppError('not_found', `Organisatie '${change.organisation}' bestaat niet.`);
        organisationId = org.id;
      }
    }
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

/** Sets a new password (given, or generated and returned once) and ends the user's sessions. */
export async function resetPassword(
  db: Db,
  username: string,
  password: string | undefined,
  byUserId: number | null,
  now: Date,
): Promise<{ password: string | null }> {
  const next = password ?? generatePassword();
  const weak = checkPasswordStrength(next);
  if (weak) throw new AppError('validation_failed', weak);
  const hash = await hashPassword(next);
  inTransaction(db, () => {
    const user = requireUserRow(db, username);
    db.update(users).set({ passwordHash: hash }).where(eq(users.id, user.id)).run();
    db.delete(sessions).where(eq(sessions.userId, user.id)).run();
    // never the password or its hash in the audit log
    recordAudit(db, { userId: byUserId, action: 'user.password_reset', entity: 'user', entityId: user.id }, now);
  });
  return { password: password ? null : next };
}

/** The audit log, newest first, in pages: `before` is the id of the last entry of the previous page. */
export function listAudit(db: Db, options: { limit: number; before?: number | undefined }) {
  const query = db
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
    .leftJoin(users, eq(users.id, auditLog.userId));
  return (options.before ? query.where(lt(auditLog.id, options.before)) : query)
    .orderBy(desc(auditLog.id))
    .limit(options.limit)
    .all();
}
