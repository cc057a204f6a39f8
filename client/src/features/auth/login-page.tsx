import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../lib/api-client.ts';
import { useLogin } from './api.ts';

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

  return (
    <main id="inhoud" className="login">
      <h1>dvo-monitor</h1>
      <p className="login-intro">Voortgang van de resultaatafspraken tussen gemeente en werkbedrijf.</p>
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
    </main>
  );
}
