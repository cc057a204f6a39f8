import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router';
import { PanelState } from '../../components/ui/panel-state.tsx';
import { dvosQuery, sessionQuery, tokensQuery } from './api.ts';
import { NewTokenForm } from './components/new-token-form.tsx';
import { TokenTable } from './components/token-table.tsx';

/** Mijn API-tokens: every user creates and revokes their own tokens for scripts. */
export default function TokensPage() {
  const ids = useId();
  const session = useQuery(sessionQuery);
  const dvos = useQuery(dvosQuery);
  const tokens = useQuery(tokensQuery);
  const user = session.data?.user;
  if (!user) return null;
  const canDeliver = user.role === 'opdrachtnemer' || user.role === 'beheerder';

  return (
    <div className="beheer beheer-own-tokens">
      <h1>Mijn API-tokens</h1>
      <p className="lead">
        Met een persoonlijk API-token kan een script namens u werken zonder in te loggen, bijvoorbeeld om elke maand
        automatisch cijfers aan te leveren. Behandel een token als een wachtwoord en trek het in als u het niet meer
        gebruikt of als iemand anders het kan kennen.
      </p>
      <div className="card beheer-section">
        <NewTokenForm exampleDvo={dvos.data?.dvos[0]?.slug ?? null} canDeliver={canDeliver} />
      </div>
      <section aria-labelledby={`${ids}-kop`} className="card beheer-section">
        <h2 id={`${ids}-kop`}>Uw tokens</h2>
        <PanelState
          query={tokens}
          label="uw tokens"
          isEmpty={(data) => !data.tokens.some((t) => t.username === user.username)}
          empty={<p className="muted">U heeft nog geen API-tokens.</p>}
        >
          {(data) => (
            <TokenTable
              // a beheerder gets every user's tokens from the same address; this page is about one's own
              tokens={data.tokens.filter((t) => t.username === user.username)}
              showUser={false}
              caption="Uw API-tokens, nieuwste eerst"
            />
          )}
        </PanelState>
      </section>
      <p>
        <Link to="/">Terug naar het overzicht</Link>
      </p>
    </div>
  );
}
