import { eq } from 'drizzle-orm';
import { type Db, inTransaction } from '../../../db/client.ts';
import { organisations, ssoProviders } from '../../../db/schema.ts';
import { recordAudit } from '../../core/audit.ts';
import type { Role } from '../../core/users/repository.ts';
import { AppError } from '../../errors.ts';

export interface RoleRule {
  /** A value of the provider's role claim (a group id, an app role), matched exactly. */
  value: string;
  role: Role;
}

export interface NewProvider {
  slug: string;
  organisation: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  roleClaim: string;
  rules: RoleRule[];
}

/** What may be shown about a provider: never the client secret. */
export interface ProviderSummary {
  slug: string;
  organisationSlug: string;
  organisationName: string;
  issuer: string;
  clientId: string;
  roleClaim: string;
  rules: RoleRule[];
  disabled: boolean;
}

/** The role an SSO user may get in an organisation of this type; beheerders stay local accounts. */
export function rolesFor(type: 'gemeente' | 'werkbedrijf'): Role[] {
  return type === 'gemeente' ? ['opdrachtgever', 'lezer'] : ['opdrachtnemer', 'lezer'];
}

/** `value=role` pairs as given on the command line (`--map "DVO-Beleid=opdrachtgever"`). */
export function parseRule(text: string): { value: string; role: string } {
  const at = text.lastIndexOf('=');
  if (at <= 0 || at === text.length - 1) {
    throw new AppError('validation_failed', `Regel '${text}' heeft de vorm <claimwaarde>=<rol>.`);
  }
  return { value: text.slice(0, at), role: text.slice(at + 1) };
}

export function addProvider(db: Db, input: NewProvider, now: Date): { id: number } {
  if (!/^[a-z0-9-]{2,40}$/.test(input.slug)) {
    throw new AppError('validation_failed', 'Een provider-naam heeft 2–40 kleine letters, cijfers of -.');
  }
  let issuer: URL;
  try {
    issuer = new URL(input.issuer);
  } catch {
    throw new AppError('validation_failed', `Issuer '${input.issuer}' is geen URL.`);
  }
  if (issuer.protocol !== 'https:' && !isLoopback(issuer)) {
    throw new AppError('validation_failed', 'De issuer moet https gebruiken (http alleen op 127.0.0.1, om te testen).');
  }
  if (!input.clientId || !input.clientSecret) {
    throw new AppError('validation_failed', 'Client-id en client-secret zijn verplicht.');
  }
  const org = db.select().from(organisations).where(eq(organisations.slug, input.organisation)).get();
  if (!org) throw new AppError('not_found', `Organisatie '${input.organisation}' bestaat niet.`);
  if (input.rules.length === 0) {
    throw new AppError('validation_failed', 'Geef minstens één regel (--map <claimwaarde>=<rol>).');
  }
  const allowed = rolesFor(org.type);
  for (const rule of input.rules) {
    if (!allowed.includes(rule.role)) {
      throw new AppError(
        'validation_failed',
        `Rol '${rule.role}' past niet bij ${org.name} (${org.type}); kies uit: ${allowed.join(', ')}.`,
      );
    }
  }
  if (db.select({ id: ssoProviders.id }).from(ssoProviders).where(eq(ssoProviders.slug, input.slug)).get()) {
    throw new AppError('conflict', `Provider '${input.slug}' bestaat al.`);
  }
  return inTransaction(db, () => {
    const row = db
      .insert(ssoProviders)
      .values({
        slug: input.slug,
        organisationId: org.id,
        issuer: issuer.href.replace(/\/$/, ''),
        clientId: input.clientId,
        clientSecret: input.clientSecret,
        roleClaim: input.roleClaim,
        roleRules: input.rules,
        createdAt: now.toISOString(),
      })
      .returning({ id: ssoProviders.id })
      .get();
    recordAudit(
      db,
      {
        userId: null,
        action: 'sso_provider_add',
        entity: 'sso_provider',
        entityId: input.slug,
        after: { organisation: org.slug, issuer: issuer.href, clientId: input.clientId, rules: input.rules },
      },
      now,
    );
    return row;
  });
}

export function setProviderDisabled(db: Db, slug: string, disabled: boolean, now: Date): void {
  const found = db.select({ id: ssoProviders.id }).from(ssoProviders).where(eq(ssoProviders.slug, slug)).get();
  if (!found) throw new AppError('not_found', `Provider '${slug}' bestaat niet.`);
  inTransaction(db, () => {
    db.update(ssoProviders).set({ disabled }).where(eq(ssoProviders.id, found.id)).run();
    recordAudit(
      db,
      {
        userId: null,
        action: disabled ? 'sso_provider_disable' : 'sso_provider_enable',
        entity: 'sso_provider',
        entityId: slug,
      },
      now,
    );
  });
}

export function listProviders(db: Db): ProviderSummary[] {
  return db
    .select({
      slug: ssoProviders.slug,
      organisationSlug: organisations.slug,
      organisationName: organisations.name,
      issuer: ssoProviders.issuer,
      clientId: ssoProviders.clientId,
      roleClaim: ssoProviders.roleClaim,
      rules: ssoProviders.roleRules,
      disabled: ssoProviders.disabled,
    })
    .from(ssoProviders)
    .innerJoin(organisations, eq(organisations.id, ssoProviders.organisationId))
    .orderBy(ssoProviders.slug)
    .all() as ProviderSummary[];
}

export function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

/** The role the rules give for a claim value (a string or a list of them), or null: first rule wins. */
export function mapRole(claim: unknown, rules: RoleRule[]): Role | null {
  const values = Array.isArray(claim) ? claim.map(String) : typeof claim === 'string' ? [claim] : [];
  for (const rule of rules) if (values.includes(rule.value)) return rule.role;
  return null;
}
