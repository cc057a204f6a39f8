import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import type { MeetingItem } from '../../../../../shared/contracts/deviations.ts';
import { formatDate, formatDateTime } from '../../../../../shared/domain/format-nl.ts';
import { CarriedNote } from '../../../components/carried-note.tsx';
import { type ItemInput, useAddItem, useSetItemState } from '../api.ts';
import { itemOrigin } from '../overleg-text.ts';
import { WriteResult } from './write-result.tsx';

export interface DeviationChoice {
  id: number;
  name: string;
}

interface Props {
  dvo: string;
  meetingId: number;
  items: readonly MeetingItem[];
  /** The deviations of the meeting's list, to link an item to. */
  deviations: readonly DeviationChoice[];
  canWrite: boolean;
  threadHref: (id: number) => string;
}

const KIND_LABEL = { besluit: 'Besluit', actiepunt: 'Actiepunt' } as const;

/** Decisions and action items: raised here, or carried on from an earlier meeting while open. */
export function MeetingItems({ dvo, meetingId, items, deviations, canWrite, threadHref }: Props) {
  const toggle = useSetItemState(dvo);
  const [toggled, setToggled] = useState<{ text: string; done: boolean } | null>(null);
  const names = new Map(deviations.map((d) => [d.id, d.name]));

  return (
    <>
      {items.length === 0 ? (
        <p className="message">Er zijn nog geen besluiten of actiepunten.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table overleg-items">
            <caption className="visually-hidden">Besluiten en actiepunten</caption>
            <thead>
              <tr>
                <th scope="col">Besluit of actiepunt</th>
                <th scope="col">Soort</th>
                <th scope="col">Eigenaar</th>
                <th scope="col">Deadline</th>
                <th scope="col">Bij afwijking</th>
                <th scope="col">Uit</th>
                <th scope="col">Stand</th>
                {canWrite && (
                  <th scope="col">
                    <span className="visually-hidden">Actie</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const done = item.state === 'done';
                return (
                  <tr key={item.id} className={done ? 'overleg-item-done' : undefined}>
                    <th scope="row" className="overleg-text">
                      {item.text}
                    </th>
                    <td>{KIND_LABEL[item.kind]}</td>
                    <td>{item.owner ?? '–'}</td>
                    <td className="overleg-nowrap">{item.deadline ? formatDate(item.deadline) : '–'}</td>
                    <td>
                      {item.deviationId === null ? (
                        '–'
                      ) : (
                        <Link to={threadHref(item.deviationId)}>
                          {names.get(item.deviationId) ?? `afwijking ${item.deviationId}`}
                        </Link>
                      )}
                    </td>
                    <td>
                      {itemOrigin(item)}
                      <CarriedNote
                        carriedFrom={item.carriedFrom}
                        carriedTo={item.carriedTo}
                        // a copy keeps the meeting it was raised in (last year's); its copy lives in next year's list
                        href={(ref) =>
                          `/dvo/${encodeURIComponent(ref.dvo)}/overleg${ref === item.carriedFrom ? `/${item.meetingId}` : ''}`
                        }
                      />
                    </td>
                    <td>
                      {item.state === null ? (
                        // a besluit is recorded, not closed
                        <span className="overleg-state">vastgelegd</span>
                      ) : done ? (
                        <>
                          <span className="overleg-state overleg-state-done">
                            <span aria-hidden="true">✓ </span>afgerond
                          </span>
                          {item.doneAt && (
                            <span className="overleg-meta">
                              {formatDateTime(item.doneAt)}
                              {item.doneBy ? ` door ${item.doneBy}` : ''}
                            </span>
                          )}
                        </>
                      ) : (
                        <span className="overleg-state">open</span>
                      )}
                    </td>
                    {canWrite && (item.state === null || item.carriedTo) && <td />}
                    {canWrite && item.state !== null && !item.carriedTo && (
                      <td>
                        <button
                          type="button"
                          className="button button-small"
                          disabled={toggle.isPending}
                          // the visible word first (WCAG 2.5.3), then which item
                          aria-label={`${done ? 'Heropenen' : 'Afronden'}: ${item.text}`}
                          onClick={() =>
                            toggle.mutate(
                              { id: item.id, state: done ? 'open' : 'done' },
                              { onSuccess: () => setToggled({ text: item.text, done: !done }) },
                            )
                          }
                        >
                          {done ? 'Heropenen' : 'Afronden'}
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {/* the button keeps focus (its row stays); the outcome is announced here */}
      <p role="status" className="visually-hidden">
        {toggle.isSuccess && toggled ? `${toggled.done ? 'Afgerond' : 'Heropend'}: ${toggled.text}` : ''}
      </p>
      {toggle.isError && (
        <WriteResult status="error" submittedAt={toggle.submittedAt} error={toggle.error} success="" />
      )}
      {canWrite && <NewItemForm dvo={dvo} meetingId={meetingId} deviations={deviations} />}
    </>
  );
}

function NewItemForm({
  dvo,
  meetingId,
  deviations,
}: {
  dvo: string;
  meetingId: number;
  deviations: readonly DeviationChoice[];
}) {
  const ids = useId();
  const add = useAddItem(dvo, meetingId);
  const [kind, setKind] = useState<ItemInput['kind']>('actiepunt');
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [deadline, setDeadline] = useState('');
  const [deviation, setDeviation] = useState('');
  const [added, setAdded] = useState('');

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    add.mutate(
      {
        kind,
        text: text.trim(),
        owner: owner.trim() || null,
        deadline: deadline || null,
        deviationId: deviation ? Number(deviation) : null,
      },
      {
        onSuccess: (item) => {
          setAdded(`${KIND_LABEL[item.kind]} toegevoegd: ${item.text}`);
          setText('');
          setOwner('');
          setDeadline('');
          setDeviation('');
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="overleg-form overleg-item-form" noValidate aria-labelledby={`${ids}-kop`}>
      <h3 id={`${ids}-kop`}>Besluit of actiepunt toevoegen</h3>
      <fieldset className="overleg-radio-group">
        <legend>Soort</legend>
        {(['actiepunt', 'besluit'] as const).map((k) => (
          <label key={k} className="overleg-radio">
            <input type="radio" name={`${ids}-soort`} value={k} checked={kind === k} onChange={() => setKind(k)} />{' '}
            {KIND_LABEL[k]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${ids}-tekst`}>Tekst</label>
        <textarea
          id={`${ids}-tekst`}
          rows={2}
          maxLength={4000}
          required
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="overleg-form-row">
        <div className="field">
          <label htmlFor={`${ids}-eigenaar`}>Eigenaar (optioneel)</label>
          <input
            id={`${ids}-eigenaar`}
            maxLength={200}
            autoComplete="off"
            value={owner}
            aria-describedby={`${ids}-eigenaar-uitleg`}
            onChange={(e) => setOwner(e.target.value)}
          />
          <p id={`${ids}-eigenaar-uitleg`} className="hint">
            Een gebruikersnaam of e-mailadres zet het actiepunt op Te doen van die gebruiker.
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-deadline`}>Deadline (optioneel)</label>
          <input id={`${ids}-deadline`} type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-afwijking`}>Bij afwijking (optioneel)</label>
          <select id={`${ids}-afwijking`} value={deviation} onChange={(e) => setDeviation(e.target.value)}>
            <option value="">geen</option>
            {deviations.map((d) => (
              <option key={d.id} value={String(d.id)}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="submit" className="button button-primary" disabled={add.isPending}>
        {add.isPending ? 'Bezig met toevoegen…' : 'Toevoegen'}
      </button>
      <WriteResult status={add.status} submittedAt={add.submittedAt} error={add.error} success={added} />
    </form>
  );
}
