import { useId, useRef, useState } from 'react';
import type { Indicator, PreviousAgreement } from '../../../../../shared/contracts/catalogue.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { useSetPrevious } from '../api.ts';
import { choiceOf, previousChoices, previousLabel, previousOfChoice } from '../previous-link.ts';

/**
 * "Vorig jaar: <code – naam>" for one agreement; a beheerder or opdrachtgever changes it to another
 * agreement of last year's DVO, or to "geen" for a new agreement (decision 0026). Others read it.
 */
export function PreviousLink({
  dvo,
  indicator,
  lastYear,
  lastYearAgreements,
  names,
  canEdit,
}: {
  dvo: string;
  indicator: Pick<Indicator, 'code' | 'name' | 'previous'>;
  /** Whose agreements are offered. */
  lastYear: string;
  lastYearAgreements: readonly Pick<Indicator, 'code' | 'name'>[];
  /** Last year's agreement names by code. */
  names: ReadonlyMap<string, string>;
  canEdit: boolean;
}) {
  const ids = useId();
  const current: PreviousAgreement | null = indicator.previous ?? null;
  const [editing, setEditing] = useState(false);
  const [choice, setChoice] = useState(choiceOf(current));
  const [saved, setSaved] = useState(false);
  const change = useSetPrevious(dvo, indicator.code);
  const editButton = useRef<HTMLButtonElement>(null);
  const label = previousLabel(current, names);

  function close() {
    setEditing(false);
    // back where the user was, once the button is drawn again
    requestAnimationFrame(() => editButton.current?.focus());
  }

  if (!editing)
    return (
      <div className="previous-link">
        <span>{label}</span>
        {canEdit && (
          <button
            ref={editButton}
            type="button"
            className="button button-small"
            onClick={() => {
              setChoice(choiceOf(current));
              setSaved(false);
              change.reset();
              setEditing(true);
            }}
          >
            wijzigen<span className="visually-hidden"> (vorig jaar van {indicator.name})</span>
          </button>
        )}
        {saved && (
          <span role="status" className="previous-link-saved">
            Opgeslagen.
          </span>
        )}
      </div>
    );

  return (
    <form
      className="previous-link previous-link-form"
      aria-label={`Vorig jaar van ${indicator.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate(previousOfChoice(choice), {
          onSuccess: () => {
            setSaved(true);
            close();
          },
        });
      }}
    >
      <label htmlFor={`${ids}-keuze`} className="visually-hidden">
        Vorig jaar van {indicator.name}
      </label>
      <select
        id={`${ids}-keuze`}
        className="previous-link-select"
        value={choice}
        onChange={(e) => setChoice(e.target.value)}
      >
        {previousChoices(lastYear, lastYearAgreements, current).map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-small button-primary" disabled={change.isPending}>
        {change.isPending ? 'Bezig…' : 'Opslaan'}
      </button>
      <button type="button" className="button button-small" onClick={close}>
        Annuleren
      </button>
      {change.error ? (
        <p role="alert" className="message message-error">
          {change.error instanceof ApiError ? change.error.message : 'Opslaan is niet gelukt. Probeer het opnieuw.'}
        </p>
      ) : null}
    </form>
  );
}
