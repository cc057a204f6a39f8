import { createPrivateKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import Provider from 'oidc-provider';
import { freePort } from './server-process.ts';

export interface TestAccount {
  email?: string;
  preferred_username?: string;
  groups?: string[];
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
}

/** What the man in the middle does to the id_token the provider issues, to check that it is refused. */
export type Tamper = null | 'issuer' | 'audience' | 'signature' | 'expired';

export interface RunningProvider {
  issuer: string;
  /** Accounts by the login name typed on the provider's (development) login screen. */
  accounts: Map<string, TestAccount>;
  /** Set to alter the next id_tokens on their way back to the app; null passes them untouched. */
  tamper: Tamper;
  stop(): Promise<void>;
}

/**
 * A real, certified OpenID provider (oidc-provider) in the test process on 127.0.0.1, with its
 * development login screen (any name logs in; the account is looked up in `accounts`). PKCE is
 * required. It is reached through a pass-through proxy on the issuer's port, which can alter the
 * id_token in the token response (`tamper`): a real provider never issues a wrong one, and the app
 * must refuse one all the same. It re-signs with the provider's own key, so only the altered claim
 * is wrong (or only the signature, for 'signature').
 */
export async function startOidcProvider(
  clients: TestClient[],
  accounts: Record<string, TestAccount>,
): Promise<RunningProvider> {
  const [proxyPort, providerPort] = [await freePort(), await freePort()];
  const issuer = `http://127.0.0.1:${proxyPort}`;
  const byLogin = new Map(Object.entries(accounts));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [c.redirectUri],
      post_logout_redirect_uris: [c.postLogoutRedirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    })),
    jwks: { keys: [jwk as never] },
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email'], profile: ['preferred_username', 'groups'] },
    // the claims in the id_token itself, as Entra ID does with groups
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx: unknown, id: string) {
      const account = byLogin.get(id);
      if (!account) return undefined;
      // the login name is the account (and its `sub`), as the development login screen gives it
      return { accountId: id, claims: async () => ({ ...account, sub: id }) };
    },
  });
  provider.on('server_error', () => undefined);
  const providerServer: Server = await new Promise((resolve) => {
    const s = provider.listen(providerPort, '127.0.0.1', () => resolve(s));
  });

  const running: RunningProvider = {
    issuer,
    accounts: byLogin,
    tamper: null,
    stop: async () => {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await new Promise<void>((resolve) => providerServer.close(() => resolve()));
    },
  };
  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const signingKey = createPrivateKey({ key: jwk as never, format: 'jwk' });

  const proxy = createServer((req, res) => {
    const upstream = request(
      { host: '127.0.0.1', port: providerPort, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        const isToken = req.method === 'POST' && req.url?.startsWith('/token');
        const tamper = running.tamper;
        if (!isToken || !tamper) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id_token?: string };
          if (body.id_token) body.id_token = alter(body.id_token, tamper, signingKey, otherKey);
          const text = JSON.stringify(body);
          const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(text)) };
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(text);
        });
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(proxyPort, '127.0.0.1', () => resolve()));
  return running;
}

function alter(token: string, tamper: Exclude<Tamper, null>, key: KeyObject, otherKey: KeyObject): string {
  const [header, payload] = token.split('.') as [string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  if (tamper === 'issuer') claims.iss = 'https://login.example.invalid/anders';
  if (tamper === 'audience') claims.aud = 'een-andere-applicatie';
  if (tamper === 'expired') {
    claims.exp = Math.floor(Date.now() / 1000) - 3600;
    claims.iat = (claims.exp as number) - 600;
  }
  const body = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = sign('sha256', Buffer.from(body), tamper === 'signature' ? otherKey : key);
  return `${body}.${signature.toString('base64url')}`;
}

/**
 * Follows a login at the test provider without a browser: redirects, its development login form
 * (the login name) and its consent form, until it sends the browser back to `redirectPrefix`.
 */
export async function loginAtProvider(authUrl: string, loginName: string, redirectPrefix: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authUrl;
  let method = 'GET';
  let body: string | undefined;
  for (let step = 0; step < 20; step++) {
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body } : {}),
    });
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';') as [string];
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(redirectPrefix)) return next;
      url = next.href;
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`provider page without a form (${response.status}): ${html.slice(0, 300)}`);
    const fields = new URLSearchParams();
    for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) {
      fields.set(m[1] as string, m[2] as string);
    }
    if (html.includes('name="login"')) {
      fields.set('login', loginName);
      fields.set('password', 'test');
    }
    url = new URL(action.replace(/&amp;/g, '&'), url).href;
    method = 'POST';
    body = fields.toString();
  }
  throw new Error('the provider did not send the browser back');
}
