import { type FormEvent, useId, useRef, useState } from 'react';
import { useCreateToken } from '../api.ts';
import { ActionError } from './confirm-action.tsx';
import { OneTimeSecret } from './one-time-secret.tsx';

interface NewTokenFormProps {
  /** A DVO for the example command; `<dvo>` when there is none. */
  exampleDvo: string | null;
  /** Whether the example delivers figures (opdrachtnemer, beheerder) or only reads. */
  canDeliver: boolean;
}

/** Creates a personal API token; the token is shown once, with how to use it. */
export function NewTokenForm({ exampleDvo, canDeliver }: NewTokenFormProps) {
  const ids = useId();
  const create = useCreateToken();
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<{ label: string; token: string } | null>(null);
  const [missing, setMissing] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const name = label.trim();
    setMissing(name === '');
    if (name === '') {
      inputRef.current?.focus();
      return;
    }
    setCreated(null);
    create.mutate(name, {
      onSuccess: (result) => {
        setLabel('');
        setCreated({ label: name, token: result.token });
      },
    });
  }

  const dvo = exampleDvo ?? '<dvo>';
  const origin = window.location.origin;
  const example = canDeliver
    ? `curl -H "Authorization: Bearer <token>" -F file=@levering.csv ${origin}/api/dvos/${dvo}/imports`
    : `curl -H "Authorization: Bearer <token>" "${origin}/api/dvos/${dvo}/status?period=2024-10"`;

  return (
    <>
      <form aria-labelledby={`${ids}-kop`} onSubmit={onSubmit} className="beheer-form" noValidate>
        <h2 id={`${ids}-kop`}>Nieuw token</h2>
        <div className="field">
          <label htmlFor={`${ids}-naam`}>Naam van het token</label>
          <input
            ref={inputRef}
            id={`${ids}-naam`}
            name="label"
            autoComplete="off"
            maxLength={100}
            required
            aria-invalid={missing || undefined}
            aria-describedby={`${ids}-hint${missing ? ` ${ids}-leeg` : ''}`}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
          />
          <p id={`${ids}-hint`} className="hint">
            Waarvoor of waar u het gebruikt, bijvoorbeeld „export uit het personeelssysteem”. Zo herkent u het later bij
            het intrekken.
          </p>
          {missing && (
            <p id={`${ids}-leeg`} role="alert" className="message message-error beheer-error">
              Geef het token een naam.
            </p>
          )}
        </div>
        <div className="beheer-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? 'Bezig met aanmaken…' : 'Token aanmaken'}
          </button>
        </div>
        <ActionError error={create.error} />
      </form>
      {created && (
        <OneTimeSecret
          title={`Token „${created.label}”`}
          what="Dit token"
          secret={created.token}
          onClose={() => {
            setCreated(null);
            inputRef.current?.focus();
          }}
        >
          <div className="beheer-usage">
            <p>
              Een script stuurt het token mee in de kop <code>Authorization</code>, in plaats van in te loggen.{' '}
              {canDeliver
                ? 'Zo levert u een bestand aan, net als op de pagina Aanleveren (voeg ?dryRun=true toe om alleen te controleren):'
                : 'Zo haalt u bijvoorbeeld de stand van een maand op:'}
            </p>
            <pre className="beheer-command">
              <code>{example}</code>
            </pre>
            <p>Vervang &lt;token&gt; door het token hierboven. Het token heeft dezelfde rechten als uw account.</p>
          </div>
        </OneTimeSecret>
      )}
    </>
  );
}
