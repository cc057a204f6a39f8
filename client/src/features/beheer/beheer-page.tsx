import { useQuery } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { Link } from 'react-router';
import { PanelState } from '../../components/ui/panel-state.tsx';
import { dvosQuery, mailStatusQuery, sessionQuery, tokensQuery } from './api.ts';
import { organisationsFromDvos } from './beheer-text.ts';
import { AuditSection } from './components/audit-section.tsx';
import { DvosSection } from './components/dvos-section.tsx';
import { TokenTable } from './components/token-table.tsx';
import { UsersSection } from './components/users-section.tsx';

/**
 * Beheer: users, the audit log and every API token. Only a beheerder gets the sections (the server
 * refuses the others anyway); anyone else who opens the address gets a plain message.
 */
export default function BeheerPage() {
  const session = useQuery(sessionQuery);
  const user = session.data?.user;
  if (!user) return null;
  if (user.role !== 'beheerder') {
    return (
      <div className="beheer">
        <h1>Beheer</h1>
        <p className="message">
          Alleen voor beheerders. Uw eigen API-tokens beheert u bij <Link to="/tokens">Mijn API-tokens</Link>.
        </p>
        <p>
          <Link to="/">Terug naar het overzicht</Link>
        </p>
      </div>
    );
  }
  return <BeheerSections self={user.username} />;
}

function BeheerSections({ self }: { self: string }) {
  const dvos = useQuery(dvosQuery);
  // a beheerder sees every DVO, so their parties are every organisation a user can belong to
  const organisations = useMemo(() => organisationsFromDvos(dvos.data?.dvos ?? []), [dvos.data]);
  return (
    <div className="beheer">
      <h1>Beheer</h1>
      <MailStatus />
      <nav aria-label="Onderdelen van Beheer" className="beheer-toc">
        <ul>
          <li>
            <a href="#gebruikers">Gebruikers</a>
          </li>
          <li>
            <a href="#dvos">DVO's</a>
          </li>
          <li>
            <a href="#auditlog">Auditlog</a>
          </li>
          <li>
            <a href="#api-tokens">API-tokens</a>
          </li>
        </ul>
      </nav>
      <UsersSection organisations={organisations} self={self} />
      <DvosSection dvos={dvos.data?.dvos ?? []} organisations={organisations} />
      <AuditSection />
      <AllTokensSection />
    </div>
  );
}

/** Whether reminders go out: without a mail server the app sends nothing, and says so here. */
function MailStatus() {
  const mail = useQuery(mailStatusQuery);
  if (!mail.data) return null;
  return mail.data.mailEnabled ? (
    <p className="message">
      E-mailherinneringen staan aan. Ze gaan naar gebruikers met een e-mailadres die ze niet hebben uitgezet.
    </p>
  ) : (
    <p className="message">
      E-mailherinneringen staan uit: er is geen mailserver ingesteld (<code>SMTP_URL</code> en <code>MAIL_FROM</code>,
      zie de README onder "Een mailserver aansluiten"). De app verstuurt geen e-mail.
    </p>
  );
}

/** 3. Every user's API tokens; a beheerder can revoke any of them. */
function AllTokensSection() {
  const ids = useId();
  const tokens = useQuery(tokensQuery);
  return (
    <section id="api-tokens" aria-labelledby={`${ids}-kop`} className="card beheer-section">
      <h2 id={`${ids}-kop`}>API-tokens</h2>
      <p className="lead">
        Persoonlijke tokens waarmee scripts namens een gebruiker werken. Een eigen token maakt u aan bij{' '}
        <Link to="/tokens">Mijn API-tokens</Link>.
      </p>
      <PanelState
        query={tokens}
        label="de API-tokens"
        isEmpty={(data) => data.tokens.length === 0}
        empty={<p className="muted">Er zijn nog geen API-tokens.</p>}
      >
        {(data) => (
          <TokenTable tokens={data.tokens} showUser caption="API-tokens van alle gebruikers, nieuwste eerst" />
        )}
      </PanelState>
    </section>
  );
}
