import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { organisations, users } from '../../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';

export const ROLES = ['beheerder', 'opdrachtgever', 'opdrachtnemer', 'lezer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  /** Organisation slug; required for every role but beheerder. */
  organisation?: string | null;
  /** For reminder mails; absent or null = no mail. */
  email?: string | null | undefined;
}

/** An e-mail address as typed, trimmed; empty = none; 422 for something that is not an address. */
export function normaliseEmail(value: string | null | undefined): string | null {
  const email = value?.trim() ?? '';
  if (email === '') return null;
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new AppError('validation_failed', `'${email}' is geen geldig e-mailadres.`);
  }
  return email;
}

/** Creates a user; the rules are the same from the CLI, the Beheer page and the start-up. */
export async function createUser(db: Db, input: NewUser, now: Date): Promise<{ id: number }> {
  const username = input.username.trim();
  if (!/^[a-zA-Z0-9._-]{2,64}$/.test(username)) {
    throw new AppError('validation_failed', 'Een gebruikersnaam heeft 2–64 tekens: letters, cijfers, punt, - of _.');
  }
  const weak = checkPasswordStrength(input.password);
  if (weak) throw new AppError('validation_failed', weak);
  let organisationId: number | null = null;
  if (input.organisation) {
    const org = db.select().from(organisations).where(eq(organisations.slug, input.organisation)).get();
    if (!org) throw new AppError('not_found', `Organisatie '${input.organisation}' bestaat niet.`);
    const expectedType =
      input.role === 'opdrachtgever' ? 'gemeente' : input.role === 'opdrachtnemer' ? 'werkbedrijf' : null;
    if (expectedType && org.type !== expectedType) {
      throw new AppError(
        'validation_failed',
        `Rol ${input.role} hoort bij een ${expectedType}; ${org.name} is een ${org.type}.`,
      );
    }
    organisationId = org.id;
  } else if (input.role !== 'beheerder') {
    throw new AppError('validation_failed', `Een gebruiker met rol ${input.role} hoort bij een organisatie (--org).`);
  }
  if (db.select({ id: users.id }).from(users).where(eq(users.username, username)).get()) {
    throw new AppError('conflict', `Gebruiker '${username}' bestaat al.`);
  }
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const row = db
    .insert(users)
    .values({ username, passwordHash, role: input.role, organisationId, email, createdAt: now.toISOString() })
    .returning({ id: users.id })
    .get();
  return row;
}

/** Whether someone can still administer the product: an enabled beheerder (system accounts are disabled). */
export function hasBeheerder(db: Db): boolean {
  return (
    db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'beheerder'), eq(users.disabled, false)))
      .get() !== undefined
  );
}
