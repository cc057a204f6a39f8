import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, 2 passes): the OWASP minimum, ~30 ms here.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // an unusable hash (e.g. the disabled demo delivery account) never matches
    return false;
  }
}

export const MIN_PASSWORD_LENGTH = 12;

/** Dutch reason why a password is not acceptable, or null. */
export function checkPasswordStrength(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Een wachtwoord heeft minstens ${MIN_PASSWORD_LENGTH} tekens.`;
  return null;
}
