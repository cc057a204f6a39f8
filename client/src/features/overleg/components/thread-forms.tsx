import { type FormEvent, useId, useState } from 'react';
import type { DeviationState, DeviationThread } from '../../../../../shared/contracts/deviations.ts';
import { useThreadWrite } from '../api.ts';
import { STATE_LABEL, TRANSITION_LABEL } from '../overleg-text.ts';
import { WriteResult } from './write-result.tsx';

interface FormProps {
  dvo: string;
  thread: DeviationThread;
}

/** The opdrachtnemer's explanation; the first one moves the deviation from open to toegelicht. */
export function ToelichtingForm({ dvo, thread }: FormProps) {
  const ids = useId();
  const write = useThreadWrite(dvo, thread.id);
  const [text, setText] = useState(thread.toelichting ?? '');
  const [stateBefore, setStateBefore] = useState<DeviationState>(thread.state);
  // the field follows the current toelichting when it changes under the form (as the maatregel does)
  const [shown, setShown] = useState(thread.toelichting);
  if (shown !== thread.toelichting) {
    setShown(thread.toelichting);
    setText(thread.toelichting ?? '');
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setStateBefore(thread.state);
    write.mutate({ type: 'toelichting', text });
  }

  return (
    <form onSubmit={onSubmit} className="overleg-form" noValidate aria-label="Toelichting schrijven">
      <div className="field">
        <label htmlFor={`${ids}-tekst`}>{thread.toelichting ? 'Toelichting aanpassen' : 'Toelichting'}</label>
        <textarea
          id={`${ids}-tekst`}
          rows={5}
          maxLength={4000}
          required
          aria-describedby={`${ids}-hint`}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <p id={`${ids}-hint`} className="hint">
          Waarom wijkt de afspraak af? Wat verwacht u de komende maanden? Maximaal 4000 tekens.
        </p>
      </div>
      <button type="submit" className="button button-primary" disabled={write.isPending}>
        {write.isPending ? 'Bezig met opslaan…' : 'Toelichting opslaan'}
      </button>
      <WriteResult
        status={write.status}
        submittedAt={write.submittedAt}
        error={write.error}
        success={
          write.data && write.data.state !== stateBefore
            ? `Toelichting opgeslagen. De stand is nu '${STATE_LABEL[write.data.state]}'.`
            : 'Toelichting opgeslagen.'
        }
      />
    </form>
  );
}

/** The measure: what, who carries it out and by when. All three are needed (the server says so in Dutch). */
export function MaatregelForm({ dvo, thread, proposal }: FormProps & { proposal: boolean }) {
  const ids = useId();
  const write = useThreadWrite(dvo, thread.id);
  const [text, setText] = useState(thread.maatregel?.text ?? '');
  const [owner, setOwner] = useState(thread.maatregel?.owner ?? '');
  const [deadline, setDeadline] = useState(thread.maatregel?.deadline ?? '');
  // Changing a maatregel starts from the current one: when it changes under the form (saved here,
  // proposed or agreed by the other party, a refetch), the fields follow it.
  const current = JSON.stringify(thread.maatregel);
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    setText(thread.maatregel?.text ?? '');
    setOwner(thread.maatregel?.owner ?? '');
    setDeadline(thread.maatregel?.deadline ?? '');
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    write.mutate({ type: 'maatregel', text, owner, deadline: deadline || null });
  }

  return (
    <form onSubmit={onSubmit} className="overleg-form" noValidate aria-label="Maatregel vastleggen">
      {proposal && (
        <p className="hint overleg-form-intro">
          U doet een voorstel. De opdrachtgever spreekt de maatregel af; daarna legt alleen de opdrachtgever een
          wijziging vast.
        </p>
      )}
      <div className="field">
        <label htmlFor={`${ids}-tekst`}>Omschrijving van de maatregel</label>
        <textarea
          id={`${ids}-tekst`}
          rows={3}
          maxLength={4000}
          required
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="overleg-form-row">
        <div className="field">
          <label htmlFor={`${ids}-eigenaar`}>Eigenaar</label>
          <input
            id={`${ids}-eigenaar`}
            maxLength={200}
            required
            autoComplete="off"
            aria-describedby={`${ids}-eigenaar-hint`}
            value={owner}
            onChange={(e) => setOwner(e.target.value)}
          />
          <p id={`${ids}-eigenaar-hint`} className="hint">
            Wie voert de maatregel uit (naam of functie)?
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-deadline`}>Deadline</label>
          <input
            id={`${ids}-deadline`}
            type="date"
            required
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
          />
        </div>
      </div>
      <button type="submit" className="button button-primary" disabled={write.isPending}>
        {write.isPending ? 'Bezig met opslaan…' : proposal ? 'Voorstel opslaan' : 'Maatregel opslaan'}
      </button>
      <WriteResult
        status={write.status}
        submittedAt={write.submittedAt}
        error={write.error}
        success={proposal ? 'Voorstel voor de maatregel opgeslagen.' : 'Maatregel opgeslagen.'}
      />
    </form>
  );
}

/** The states the API allows this user now; a note goes with the change (a reason, when closing early). */
export function TransitionForm({ dvo, thread }: FormProps) {
  const ids = useId();
  const write = useThreadWrite(dvo, thread.id);
  const [note, setNote] = useState('');
  const [moved, setMoved] = useState<{ from: DeviationState; to: DeviationState } | null>(null);

  function move(to: DeviationState) {
    const from = thread.state;
    write.mutate(
      { type: 'transition', to, note },
      {
        onSuccess: () => {
          setMoved({ from, to });
          setNote('');
        },
      },
    );
  }

  return (
    <form
      className="overleg-form"
      noValidate
      aria-label="Stand wijzigen"
      onSubmit={(e) => {
        e.preventDefault();
      }}
    >
      <div className="field">
        <label htmlFor={`${ids}-notitie`}>Notitie bij de wijziging (optioneel)</label>
        <textarea
          id={`${ids}-notitie`}
          rows={2}
          maxLength={2000}
          aria-describedby={`${ids}-notitie-hint`}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <p id={`${ids}-notitie-hint`} className="hint">
          Verplicht als reden wanneer u afsluit voordat de afwijking besproken is.
        </p>
      </div>
      <fieldset className="overleg-transitions">
        <legend>Zet de afwijking op</legend>
        <div className="overleg-button-row">
          {thread.allowedTransitions.map((to) => (
            <button
              key={to}
              type="button"
              className={`button${to === 'afgesloten' ? '' : ' button-primary'}`}
              disabled={write.isPending}
              onClick={() => move(to)}
            >
              {TRANSITION_LABEL[to]}
            </button>
          ))}
        </div>
      </fieldset>
      <WriteResult
        status={write.status}
        submittedAt={write.submittedAt}
        error={write.error}
        success={
          moved
            ? `De stand is gewijzigd van '${STATE_LABEL[moved.from]}' naar '${STATE_LABEL[moved.to]}'.`
            : 'De stand is gewijzigd.'
        }
      />
    </form>
  );
}
