import { type FormEvent, useId, useRef, useState } from 'react';
import type { Role } from '../../../../../shared/contracts/session.ts';
import { useAddUser } from '../api.ts';
import type { OrganisationOption } from '../beheer-text.ts';
import { ActionError } from './confirm-action.tsx';
import { OneTimeSecret } from './one-time-secret.tsx';
import { RoleOrganisationFields } from './role-organisation-fields.tsx';

/** Adds a user; the server makes up the password, which is shown here once. */
export function NewUserForm({ organisations }: { organisations: readonly OrganisationOption[] }) {
  const ids = useId();
  const add = useAddUser();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('opdrachtnemer');
  const [organisation, setOrganisation] = useState('');
  const [created, setCreated] = useState<{ username: string; password: string } | null>(null);
  const usernameRef = useRef<HTMLInputElement>(null);

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
        <RoleOrganisationFields
          idPrefix={ids}
          role={role}
          organisation={organisation}
          organisations={organisations}
          required
          beheerderOrganisation="geen: een beheerder ziet alle DVO's"
          onChange={(next) => {
            setRole(next.role);
            setOrganisation(next.organisation);
            edited();
          }}
        />
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
