import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { ApiTokenSchema } from '../../../../../shared/contracts/admin.ts';
import { formatDateTime } from '../../../../../shared/domain/format-nl.ts';
import { useRevokeToken } from '../api.ts';
import { ActionError, ConfirmAction } from './confirm-action.tsx';

type ApiToken = z.infer<typeof ApiTokenSchema>;

interface TokenTableProps {
  tokens: readonly ApiToken[];
  /** The Beheer page lists every user's tokens, so it names the user. */
  showUser: boolean;
  caption: string;
}

function Moment({ iso, none }: { iso: string | null; none: string }) {
  return iso ? <time dateTime={iso}>{formatDateTime(iso)}</time> : <span className="muted">{none}</span>;
}

/** API tokens with when they were made, last used and revoked; an active one can be revoked. */
export function TokenTable({ tokens, showUser, caption }: TokenTableProps) {
  return (
    <div className="table-scroll">
      <table className="data-table beheer-tokens">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {showUser && <th scope="col">Gebruiker</th>}
            <th scope="col">Naam</th>
            <th scope="col">Aangemaakt</th>
            <th scope="col">Laatst gebruikt</th>
            <th scope="col">Ingetrokken</th>
            <th scope="col">
              <span className="visually-hidden">Intrekken</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <TokenRow key={token.id} token={token} showUser={showUser} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TokenRow({ token, showUser }: { token: ApiToken; showUser: boolean }) {
  const revoke = useRevokeToken(token.id);
  const [done, setDone] = useState(false);
  const doneRef = useRef<HTMLParagraphElement>(null);
  // the revoke button is gone once revoked; the keyboard continues from the confirmation
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  const name = <span className="beheer-token-label">{token.label}</span>;
  return (
    <tr className={token.revokedAt ? 'beheer-revoked' : undefined}>
      {showUser && <td>{token.username}</td>}
      <th scope="row">{name}</th>
      <td>
        <Moment iso={token.createdAt} none="–" />
      </td>
      <td>
        <Moment iso={token.lastUsedAt} none="nog niet" />
      </td>
      <td>
        {token.revokedAt ? (
          <>
            <span className="beheer-state beheer-state-off">ingetrokken</span> <Moment iso={token.revokedAt} none="" />
          </>
        ) : (
          <span className="beheer-state">nee, actief</span>
        )}
      </td>
      <td>
        {!token.revokedAt && (
          <ConfirmAction
            label={
              <>
                Intrekken<span className="visually-hidden"> {token.label}</span>
              </>
            }
            question={
              <>
                Token {name} intrekken? Scripts die het gebruiken, krijgen daarna geen toegang meer. Dit is niet terug
                te draaien.
              </>
            }
            confirmLabel="Ja, intrekken"
            pending={revoke.isPending}
            onConfirm={() => {
              setDone(false);
              revoke.mutate(undefined, { onSuccess: () => setDone(true) });
            }}
          />
        )}
        <p ref={doneRef} role="status" className="beheer-done" tabIndex={-1}>
          {done ? 'Ingetrokken.' : ''}
        </p>
        <ActionError error={revoke.error} />
      </td>
    </tr>
  );
}
