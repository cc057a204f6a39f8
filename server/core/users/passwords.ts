import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, 2 passes): the OWASP minimum, ~30 ms here.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummyHash: Promise<string> | undefined;

/**
 * Whether `password` matches `passwordHash`. Without a usable hash (an unknown user name, or a system
 * account that cannot log in) it checks against a dummy hash, so the answer takes as long as for a real
 * account and its timing does not tell which user names exist.
 */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash !== null) {
    try {
      return await verify(passwordHash, password);
    } catch {
      // an unusable hash (e.g. the disabled demo delivery account): falls through to the dummy
    }
  }
  dummyHash ??= hash(randomBytes(16).toString('base64url'));
  await verify(await dummyHash, password);
  return false;
}

export const MIN_PASSWORD_LENGTH = 12;

/** Dutch reason why a password is not acceptable, or null. */
export function checkPasswordStrength(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Een wachtwoord heeft minstens ${MIN_PASSWORD_LENGTH} tekens.`;
  return null;
}
