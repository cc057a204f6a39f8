import { type FormEvent, useId, useRef, useState } from 'react';
import type { Role } from '../../../../../shared/contracts/session.ts';
import { useAddUser } from '../api.ts';
import { type OrganisationOption, organisationsForRole, ROLE_OPTION, ROLES } from '../beheer-text.ts';
import { ActionError } from './confirm-action.tsx';
import { OneTimeSecret } from './one-time-secret.tsx';

/** Adds a user; the server makes up the password, which is shown here once. */
export function NewUserForm({ organisations }: { organisations: readonly OrganisationOption[] }) {
  const ids = useId();
  const add = useAddUser();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('opdrachtnemer');
  const [organisation, setOrganisation] = useState('');
  const [created, setCreated] = useState<{ username: string; password: string } | null>(null);
  const usernameRef = useRef<HTMLInputElement>(null);

  const fitting = organisationsForRole(role, organisations);
  // a refusal is about what was sent; once the form changes it no longer applies
  const edited = () => {
    if (add.isError) add.reset();
  };
  const needsOrganisation = role !== 'beheerder';

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setCreated(null);
    const name = username.trim();
    add.mutate(
      { username: name, role, organisation: needsOrganisation ? organisation || null : null },
      {
        onSuccess: (result) => {
          setUsername('');
          if (result.password) setCreated({ username: name, password: result.password });
        },
      },
    );
  }

  return (
    <div className="beheer-new-user">
      <h3 id={`${ids}-kop`}>Gebruiker toevoegen</h3>
      <form aria-labelledby={`${ids}-kop`} onSubmit={onSubmit} className="beheer-form" noValidate>
        <div className="field">
          <label htmlFor={`${ids}-naam`}>Gebruikersnaam</label>
          <input
            ref={usernameRef}
            id={`${ids}-naam`}
            name="username"
            autoComplete="off"
            spellCheck={false}
            required
            aria-describedby={`${ids}-naam-hint`}
            value={username}
            onChange={(e) => {
              setUsername(e.target.value);
              edited();
            }}
          />
          <p id={`${ids}-naam-hint`} className="hint">
            2 tot 64 tekens: letters, cijfers, punt, - of _.
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-rol`}>Rol</label>
          <select
            id={`${ids}-rol`}
            value={role}
            onChange={(e) => {
              const next = e.target.value as Role;
              setRole(next);
              edited();
              // an organisation that does not fit the new role is dropped rather than refused later
              if (!organisationsForRole(next, organisations).some((o) => o.slug === organisation)) setOrganisation('');
            }}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_OPTION[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-org`}>Organisatie</label>
          {needsOrganisation ? (
            <select
              id={`${ids}-org`}
              required
              value={organisation}
              onChange={(e) => {
                setOrganisation(e.target.value);
                edited();
              }}
            >
              <option value="">kies een organisatie</option>
              {fitting.map((o) => (
                <option key={o.slug} value={o.slug}>
                  {o.name}
                </option>
              ))}
            </select>
          ) : (
            <input id={`${ids}-org`} readOnly value="geen: een beheerder ziet alle DVO's" />
          )}
        </div>
        <div className="beheer-actions">
          <button type="submit" className="button button-primary" disabled={add.isPending}>
            {add.isPending ? 'Bezig met toevoegen…' : 'Toevoegen'}
          </button>
        </div>
        <ActionError error={add.error} />
      </form>
      {created && (
        <OneTimeSecret
          title={`Wachtwoord voor ${created.username}`}
          what="Dit wachtwoord"
          secret={created.password}
          onClose={() => {
            setCreated(null);
            usernameRef.current?.focus();
          }}
        >
          <p>
            Geef het wachtwoord aan {created.username} op een veilige manier door, niet in dezelfde mail als de
            gebruikersnaam.
          </p>
        </OneTimeSecret>
      )}
    </div>
  );
}
