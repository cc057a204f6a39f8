import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../lib/api-client.ts';
import { SSO_REFUSAL, ssoProvidersQuery, useLogin } from './api.ts';

/** "Inloggen met <organisatie>" for each organisation that logs in through its own provider. */
function SsoOptions() {
  const providers = useQuery(ssoProvidersQuery);
  const list = providers.data?.providers ?? [];
  if (list.length === 0) return null;
  return (
    <section className="card login-sso" aria-labelledby="login-sso-title">
      <h2 id="login-sso-title">Inloggen via uw organisatie</h2>
      <ul className="login-sso-list">
        {list.map((p) => (
          <li key={p.slug}>
            {/* a full page load: the provider's login screen takes over */}
            <a className="button button-primary" href={`/api/sso/${encodeURIComponent(p.slug)}/login`}>
              Inloggen met {p.organisation}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function LoginPage() {
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const errorId = useId();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ username, password });
  };
  const error = login.error instanceof ApiError ? login.error.message : login.error ? 'Inloggen is mislukt.' : null;
  const refusal = new URLSearchParams(window.location.search).get('sso');
  const ssoError = refusal ? (SSO_REFUSAL[refusal] ?? SSO_REFUSAL.mislukt) : null;

  return (
    <main id="inhoud" className="login">
      {/* the brand is the heading; the page is named "Inloggen – dvo-monitor" (app/page-title.tsx) */}
      <h1 data-title="Inloggen">dvo-monitor</h1>
      <p className="login-intro">Voortgang van de resultaatafspraken tussen gemeente en werkbedrijf.</p>
      {ssoError && (
        <p role="alert" className="message message-error">
          {ssoError}
        </p>
      )}
      <SsoOptions />
      <form onSubmit={onSubmit} className="card login-form" aria-describedby={error ? errorId : undefined} noValidate>
        <h2>Inloggen</h2>
        <div className="field">
          <label htmlFor="username">Gebruikersnaam</label>
          <input
            id="username"
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="password">Wachtwoord</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {error && (
          <p id={errorId} role="alert" className="message message-error">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={login.isPending}>
          {login.isPending ? 'Bezig met inloggen…' : 'Inloggen'}
        </button>
      </form>
      <p>
        <a href="/toegankelijkheid">Toegankelijkheidsverklaring</a>
      </p>
    </main>
  );
}
