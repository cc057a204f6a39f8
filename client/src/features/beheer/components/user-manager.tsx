import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import type { z } from 'zod';
import type { UserSummarySchema } from '../../../../../shared/contracts/admin.ts';
import type { Role } from '../../../../../shared/contracts/session.ts';
import { type UserChange, useChangeUser, useResetPassword } from '../api.ts';
import { type OrganisationOption, organisationsForRole } from '../beheer-text.ts';
import { ActionError, ConfirmAction } from './confirm-action.tsx';
import { OneTimeSecret } from './one-time-secret.tsx';
import { RoleOrganisationFields } from './role-organisation-fields.tsx';

export type UserSummary = z.infer<typeof UserSummarySchema>;

interface UserManagerProps {
  user: UserSummary;
  organisations: readonly OrganisationOption[];
  isSelf: boolean;
  headingId: string;
}

/** Role and organisation, access, and a new password for one user; under the user's row. */
export function UserManager({ user, organisations, isSelf, headingId }: UserManagerProps) {
  const who = isSelf ? 'uzelf' : user.username;
  return (
    <section className="beheer-manage" aria-labelledby={headingId}>
      <h3 id={headingId} className="visually-hidden">
        {user.username} beheren
      </h3>
      {isSelf ? (
        // the server refuses it: a beheerder of one organisation could otherwise leave it (decision 0004)
        <p className="beheer-manage-part hint">Alleen een andere beheerder kan uw eigen rol of organisatie wijzigen.</p>
      ) : (
        <RoleForm user={user} organisations={organisations} />
      )}
      <EmailForm user={user} />
      <AccessControl user={user} who={who} isSelf={isSelf} />
      <PasswordReset user={user} isSelf={isSelf} />
    </section>
  );
}

function RoleForm({ user, organisations }: Pick<UserManagerProps, 'user' | 'organisations'>) {
  const ids = useId();
  const change = useChangeUser(user.username);
  const [role, setRole] = useState<Role>(user.role);
  const [organisation, setOrganisation] = useState(user.organisation ?? '');
  const [saved, setSaved] = useState<string | null>(null);

  const fitting: { slug: string; name: string }[] = organisationsForRole(role, organisations);
  // the user's current organisation stays choosable even when no visible DVO lists it
  if (user.organisation && role !== 'beheerder' && !organisations.some((o) => o.slug === user.organisation)) {
    fitting.push({ slug: user.organisation, name: user.organisation });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const body: UserChange = {};
    if (role !== user.role) body.role = role;
    const nextOrganisation = role === 'beheerder' ? null : organisation || null;
    if (nextOrganisation !== user.organisation) body.organisation = nextOrganisation;
    if (Object.keys(body).length === 0) {
      setSaved('Er was niets gewijzigd.');
      return;
    }
    change.mutate(body, { onSuccess: () => setSaved('Opgeslagen.') });
  }

  return (
    <SaveForm
      title="Rol en organisatie"
      submitLabel="Rol opslaan"
      onSubmit={onSubmit}
      pending={change.isPending}
      error={change.error}
      saved={saved}
    >
      <div className="beheer-inline-fields">
        <RoleOrganisationFields
          idPrefix={ids}
          role={role}
          organisation={organisation}
          organisations={organisations}
          choices={fitting}
          selectClassName="beheer-select"
          onChange={(next) => {
            setRole(next.role);
            setOrganisation(next.organisation);
            setSaved(null);
          }}
        />
      </div>
    </SaveForm>
  );
}

/** The address reminder mails go to; empty = no mail. */
function EmailForm({ user }: { user: UserSummary }) {
  const ids = useId();
  const change = useChangeUser(user.username);
  const [email, setEmail] = useState(user.email ?? '');
  const [saved, setSaved] = useState<string | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const next = email.trim() === '' ? null : email.trim();
    if (next === user.email) {
      setSaved('Er was niets gewijzigd.');
      return;
    }
    change.mutate({ email: next }, { onSuccess: () => setSaved(next ? 'Opgeslagen.' : 'E-mailadres verwijderd.') });
  }

  return (
    <SaveForm
      title="E-mail voor herinneringen"
      submitLabel="E-mailadres opslaan"
      onSubmit={onSubmit}
      pending={change.isPending}
      error={change.error}
      saved={saved}
    >
      <div className="field">
        <label htmlFor={`${ids}-email`}>E-mailadres</label>
        <input
          id={`${ids}-email`}
          type="email"
          autoComplete="off"
          value={email}
          aria-describedby={`${ids}-uitleg`}
          onChange={(e) => {
            setEmail(e.target.value);
            setSaved(null);
          }}
        />
        <p id={`${ids}-uitleg`} className="hint">
          Leeg laten: geen herinneringen per e-mail.
        </p>
      </div>
    </SaveForm>
  );
}

interface SaveFormProps {
  title: string;
  submitLabel: string;
  onSubmit(event: FormEvent): void;
  pending: boolean;
  error: unknown;
  /** What the last save did, announced to screen readers. */
  saved: string | null;
  children: ReactNode;
}

/** One part of the user manager that is saved on its own: its fields, the save button, what it did. */
function SaveForm({ title, submitLabel, onSubmit, pending, error, saved, children }: SaveFormProps) {
  const ids = useId();
  return (
    <form className="beheer-manage-part" aria-labelledby={`${ids}-kop`} onSubmit={onSubmit} noValidate>
      <h4 id={`${ids}-kop`}>{title}</h4>
      {children}
      <div className="beheer-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Bezig met opslaan…' : submitLabel}
        </button>
        <p role="status" className="beheer-done">
          {saved ?? ''}
        </p>
      </div>
      <ActionError error={error} />
    </form>
  );
}

function AccessControl({ user, who, isSelf }: { user: UserSummary; who: string; isSelf: boolean }) {
  const change = useChangeUser(user.username);
  const [done, setDone] = useState<string | null>(null);
  const enable = user.disabled;

  return (
    <div className="beheer-manage-part">
      <h4>Toegang</h4>
      <p>
        {enable
          ? `${user.username} is uitgeschakeld en kan niet inloggen; API-tokens werken niet.`
          : `${user.username} kan inloggen.`}
      </p>
      <ConfirmAction
        label={enable ? 'Weer inschakelen' : 'Uitschakelen'}
        question={
          enable
            ? `${user.username} weer toegang geven? Inloggen en API-tokens werken dan weer.`
            : `${isSelf ? 'Uzelf' : user.username} uitschakelen? Wie ingelogd is, wordt meteen uitgelogd en API-tokens werken niet meer.`
        }
        confirmLabel={enable ? 'Ja, inschakelen' : 'Ja, uitschakelen'}
        pending={change.isPending}
        onConfirm={() => {
          setDone(null);
          change.mutate(
            { disabled: !enable },
            { onSuccess: () => setDone(enable ? `${who} is weer ingeschakeld.` : `${who} is uitgeschakeld.`) },
          );
        }}
      />
      <p role="status" className="beheer-done">
        {done ?? ''}
      </p>
      <ActionError error={change.error} />
    </div>
  );
}

function PasswordReset({ user, isSelf }: { user: UserSummary; isSelf: boolean }) {
  const reset = useResetPassword(user.username);
  const [password, setPassword] = useState<string | null>(null);
  const partRef = useRef<HTMLDivElement>(null);

  return (
    <div className="beheer-manage-part" ref={partRef}>
      <h4>Wachtwoord</h4>
      <p>
        {isSelf
          ? 'Een nieuw wachtwoord voor uzelf: het oude werkt dan niet meer en u wordt uitgelogd.'
          : `Is ${user.username} het wachtwoord kwijt? Maak een nieuw wachtwoord; het oude werkt dan niet meer en ${user.username} wordt uitgelogd.`}
      </p>
      <ConfirmAction
        label="Nieuw wachtwoord maken"
        question={`Een nieuw wachtwoord maken voor ${user.username}? Het oude wachtwoord werkt daarna niet meer.`}
        confirmLabel="Ja, nieuw wachtwoord"
        pending={reset.isPending}
        onConfirm={() => {
          setPassword(null);
          reset.mutate(undefined, { onSuccess: (result) => setPassword(result.password) });
        }}
      />
      <ActionError error={reset.error} />
      {password && (
        <OneTimeSecret
          title={`Nieuw wachtwoord voor ${user.username}`}
          what="Dit wachtwoord"
          secret={password}
          onClose={() => {
            setPassword(null);
            partRef.current?.querySelector('button')?.focus();
          }}
        />
      )}
    </div>
  );
}
