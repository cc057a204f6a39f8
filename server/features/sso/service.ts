import { randomBytes } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { type Db, inTransaction } from '../../../db/client.ts';
import { organisations, sessions, ssoLogins, ssoProviders, users } from '../../../db/schema.ts';
import { recordAudit } from '../../core/audit.ts';
import { newToken, sha256 } from '../../core/users/identity.ts';
import type { Role } from '../../core/users/repository.ts';
import { isLoopback, mapRole, type RoleRule } from './providers.ts';

/** Why a login through a provider did not end in a session; the login screen says it in Dutch. */
export type SsoRefusal = 'onbekend' | 'mislukt' | 'verlopen' | 'geen-rol' | 'uitgeschakeld';

export class SsoError extends Error {
  constructor(
    readonly reason: SsoRefusal,
    /** For the log only; never shown, never a secret. */
    detail: string,
  ) {
    super(detail);
    this.name = 'SsoError';
  }
}

const LOGIN_TTL_MS = 10 * 60_000;
export const SSO_BROWSER_COOKIE = 'dvo_sso';

interface ProviderRow {
  id: number;
  slug: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  roleClaim: string;
  roleRules: { value: string; role: string }[];
  organisationId: number;
  disabled: boolean;
}

function findProvider(db: Db, slug: string): ProviderRow {
  const row = db.select().from(ssoProviders).where(eq(ssoProviders.slug, slug)).get();
  if (!row || row.disabled) throw new SsoError('onbekend', `provider ${slug} unknown or disabled`);
  return row;
}

/**
 * The provider's metadata, fetched once per issuer and client (discovery) and kept while the process
 * runs; a failed discovery is not kept, so the next login tries again.
 */
const configurations = new Map<string, Promise<oidc.Configuration>>();

function configurationOf(provider: ProviderRow): Promise<oidc.Configuration> {
  const key = `${provider.id}|${provider.issuer}|${provider.clientId}|${sha256(provider.clientSecret)}`;
  let found = configurations.get(key);
  if (!found) {
    const issuer = new URL(provider.issuer);
    found = oidc.discovery(issuer, provider.clientId, undefined, oidc.ClientSecretPost(provider.clientSecret), {
      execute: [
        // openid-client trusts the TLS connection for an id_token from the token endpoint unless told
        // otherwise; we check its signature against the provider's keys as well (the issue asks for it)
        oidc.enableNonRepudiationChecks,
        // plain http only for a provider on this machine (the test provider); https everywhere else
        ...(isLoopback(issuer) && issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : []),
      ],
    });
    configurations.set(key, found);
    found.catch(() => configurations.delete(key));
  }
  return found;
}

export function redirectUri(appUrl: string, slug: string): string {
  return `${appUrl}/api/sso/${encodeURIComponent(slug)}/callback`;
}

/**
 * Starts a login: a fresh state, nonce and PKCE verifier, stored (hashed state) with a secret that
 * binds them to this browser's cookie, and the provider's authorization URL to send the browser to.
 */
export async function startLogin(
  db: Db,
  slug: string,
  appUrl: string,
  now: Date,
): Promise<{ url: string; browserSecret: string }> {
  const provider = findProvider(db, slug);
  let config: oidc.Configuration;
  try {
    config = await configurationOf(provider);
  } catch (error) {
    throw new SsoError('mislukt', `discovery ${provider.issuer}: ${(error as Error).message}`);
  }
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const browserSecret = randomBytes(32).toString('base64url');
  db.delete(ssoLogins).where(lt(ssoLogins.expiresAt, now.toISOString())).run();
  db.insert(ssoLogins)
    .values({
      stateHash: sha256(state),
      providerId: provider.id,
      browserHash: sha256(browserSecret),
      nonce,
      codeVerifier,
      expiresAt: new Date(now.getTime() + LOGIN_TTL_MS).toISOString(),
    })
    .run();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(appUrl, slug),
    scope: 'openid email profile',
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { url: url.href, browserSecret };
}

export interface SsoSession {
  token: string;
  userId: number;
}

/**
 * Finishes a login at the callback: the state must be one this browser started (cookie) and not used
 * or expired; openid-client then exchanges the code with the PKCE verifier and checks the id_token
 * (signature against the provider's keys, issuer, audience, expiry, nonce). The user is created or
 * updated with the role the rules give; refused when none does or when disabled in the app.
 */
export async function finishLogin(
  db: Db,
  input: { slug: string; callbackUrl: URL; browserSecret: string | undefined; appUrl: string; now: Date },
  sessionIdleMinutes: number,
): Promise<SsoSession> {
  const { slug, callbackUrl, now } = input;
  const provider = findProvider(db, slug);
  const state = callbackUrl.searchParams.get('state');
  if (!state) throw new SsoError('mislukt', 'callback without state');
  const pending = db
    .select()
    .from(ssoLogins)
    .where(eq(ssoLogins.stateHash, sha256(state)))
    .get();
  // used once: gone whatever happens next
  if (pending) db.delete(ssoLogins).where(eq(ssoLogins.stateHash, pending.stateHash)).run();
  if (!pending || pending.providerId !== provider.id) throw new SsoError('mislukt', 'unknown state');
  if (!input.browserSecret || sha256(input.browserSecret) !== pending.browserHash) {
    throw new SsoError('mislukt', 'state started in another browser');
  }
  if (pending.expiresAt < now.toISOString()) throw new SsoError('verlopen', 'login took too long');
  const providerError = callbackUrl.searchParams.get('error');
  if (providerError) throw new SsoError('mislukt', `provider answered ${providerError}`);

  let claims: oidc.IDToken;
  let idToken: string | undefined;
  try {
    const config = await configurationOf(provider);
    // the URL as registered (APP_URL), so a proxy in front does not change what is compared
    const current = new URL(redirectUri(input.appUrl, slug));
    current.search = callbackUrl.search;
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const found = tokens.claims();
    if (!found) throw new Error('no id_token');
    claims = found;
    idToken = tokens.id_token;
  } catch (error) {
    throw new SsoError('mislukt', `token exchange or id_token check failed: ${(error as Error).message}`);
  }

  const role = mapRole(claims[provider.roleClaim], provider.roleRules as RoleRule[]);
  const email = typeof claims.email === 'string' ? claims.email : null;
  const userId = inTransaction(db, () => {
    const existing = db
      .select()
      .from(users)
      .where(and(eq(users.ssoProviderId, provider.id), eq(users.ssoSubject, claims.sub)))
      .get();
    if (existing?.disabled) throw new SsoError('uitgeschakeld', `user ${existing.username} is disabled`);
    if (!role) throw new SsoError('geen-rol', `no rule maps ${provider.roleClaim} of ${claims.sub}`);
    if (existing) {
      if (existing.role !== role || (email && existing.email !== email)) {
        db.update(users)
          .set({ role, ...(email ? { email } : {}) })
          .where(eq(users.id, existing.id))
          .run();
        if (existing.role !== role) {
          recordAudit(
            db,
            {
              userId: existing.id,
              action: 'sso_role_update',
              entity: 'user',
              entityId: existing.username,
              before: { role: existing.role },
              after: { role },
            },
            now,
          );
        }
      }
      return existing.id;
    }
    const username = freeUsername(db, claims, provider.slug);
    const created = db
      .insert(users)
      .values({
        username,
        // no password: this account logs in through its provider only
        passwordHash: '!sso',
        role: role as Role,
        organisationId: provider.organisationId,
        createdAt: now.toISOString(),
        email,
        ssoProviderId: provider.id,
        ssoSubject: claims.sub,
      })
      .returning({ id: users.id })
      .get();
    recordAudit(
      db,
      {
        userId: created.id,
        action: 'sso_user_create',
        entity: 'user',
        entityId: username,
        after: { role, provider: provider.slug, email },
      },
      now,
    );
    return created.id;
  });

  const token = newToken();
  db.insert(sessions)
    .values({
      tokenHash: sha256(token),
      userId,
      csrfToken: newToken(),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + sessionIdleMinutes * 60_000).toISOString(),
      ssoIdToken: idToken ?? null,
      ssoProviderId: provider.id,
    })
    .run();
  return { token, userId };
}

/** A readable, unique username: the provider's `preferred_username` or e-mail, else the subject. */
function freeUsername(db: Db, claims: oidc.IDToken, providerSlug: string): string {
  const wanted = [claims.preferred_username, claims.email, claims.sub].find((v) => typeof v === 'string' && v);
  const base =
    String(wanted)
      .replace(/[^a-zA-Z0-9._-]+/g, '.')
      .replace(/^[.]+|[.]+$/g, '')
      .slice(0, 50) || 'sso';
  const taken = (name: string) => db.select({ id: users.id }).from(users).where(eq(users.username, name)).get();
  if (!taken(base)) return base;
  for (let n = 1; ; n++) {
    const name = `${base}-${providerSlug}${n === 1 ? '' : `-${n}`}`.slice(0, 64);
    if (!taken(name)) return name;
  }
}

/**
 * Ends the app session; answers where to send the browser so the provider ends its session too,
 * when the provider offers that (`end_session_endpoint`), else null.
 */
export async function endSession(db: Db, tokenHash: string, appUrl: string): Promise<string | null> {
  const row = db
    .select({ idToken: sessions.ssoIdToken, providerId: sessions.ssoProviderId })
    .from(sessions)
    .where(eq(sessions.tokenHash, tokenHash))
    .get();
  db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
  if (!row?.providerId || !row.idToken) return null;
  const provider = db.select().from(ssoProviders).where(eq(ssoProviders.id, row.providerId)).get();
  if (!provider) return null;
  try {
    const config = await configurationOf(provider);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(config, { id_token_hint: row.idToken, post_logout_redirect_uri: `${appUrl}/` }).href;
  } catch {
    return null;
  }
}

/** The providers offered on the login screen: name and organisation only. */
export function loginOptions(db: Db): { slug: string; organisation: string }[] {
  return db
    .select({ slug: ssoProviders.slug, organisation: organisations.name })
    .from(ssoProviders)
    .innerJoin(organisations, eq(organisations.id, ssoProviders.organisationId))
    .where(eq(ssoProviders.disabled, false))
    .orderBy(organisations.name)
    .all();
}
