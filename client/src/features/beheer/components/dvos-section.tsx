import { type ChangeEvent, type FormEvent, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { ActivateResponse, CarryResult, DvoSummary } from '../../../../../shared/contracts/dvos.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { type OrganisationRef, useActivateDvo, useCreateDvo } from '../api.ts';
import type { OrganisationOption } from '../beheer-text.ts';
import { ConfirmAction, errorText } from './confirm-action.tsx';

const NEW = '__nieuw';

/**
 * The year cycle (README "Het DVO-jaar"): every DVO with its stand, the catalogue file to download,
 * next year's DVO made from last year's (or empty, or from a catalogue file) as a concept, and the
 * concept activated once its norms are agreed.
 */
export function DvosSection({
  dvos,
  organisations,
}: {
  dvos: readonly DvoSummary[];
  organisations: readonly OrganisationOption[];
}) {
  const ids = useId();
  const [activated, setActivated] = useState<ActivateResponse | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  return (
    <section id="dvos" aria-labelledby={`${ids}-kop`} className="card beheer-section">
      <h2 id={`${ids}-kop`}>DVO's</h2>
      <p className="lead">
        Een nieuwe DVO begint als concept: alleen beheerders en de opdrachtgevers van beide organisaties zien hem, en er
        kunnen nog geen cijfers in. Pas de normen aan op Afspraken en activeer de DVO als ze zijn afgesproken.
      </p>
      <div className="table-scroll">
        <table className="data-table beheer-dvos">
          <caption className="visually-hidden">Alle DVO's met hun stand</caption>
          <thead>
            <tr>
              <th scope="col">DVO</th>
              <th scope="col">Jaar</th>
              <th scope="col">Partijen</th>
              <th scope="col">Stand</th>
              <th scope="col">Acties</th>
            </tr>
          </thead>
          <tbody>
            {dvos.map((dvo) => (
              <tr key={dvo.slug}>
                <th scope="row">
                  <Link to={`/dvo/${encodeURIComponent(dvo.slug)}/afspraken`}>{dvo.name}</Link>
                </th>
                <td>{dvo.year}</td>
                <td>
                  {dvo.opdrachtgever.name} – {dvo.opdrachtnemer.name}
                </td>
                <td>{dvo.state === 'draft' ? 'Concept' : 'Actief'}</td>
                <td>
                  <div className="beheer-actions">
                    <a href={`/api/dvos/${encodeURIComponent(dvo.slug)}/catalogue`} download={`${dvo.slug}.json`}>
                      Catalogus downloaden<span className="visually-hidden"> van {dvo.name}</span>
                    </a>
                    {dvo.state === 'draft' && (
                      <ActivateButton
                        dvo={dvo}
                        previous={previousDvo(dvos, dvo)}
                        onActivated={(answer) => {
                          setActivated(answer);
                          requestAnimationFrame(() => summaryRef.current?.focus());
                        }}
                      />
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div
        ref={summaryRef}
        tabIndex={-1}
        role="status"
        className={activated ? 'message beheer-carried' : 'visually-hidden'}
      >
        {activated ? <ActivatedSummary activated={activated} /> : null}
      </div>
      <NewDvoForm dvos={dvos} organisations={organisations} />
      <ImportCatalogueForm />
    </section>
  );
}

/** Last year's DVO of a concept: the year before, between the same two organisations (as on the Indicator screen). */
function previousDvo(dvos: readonly DvoSummary[], dvo: DvoSummary): DvoSummary | undefined {
  return dvos.find(
    (d) =>
      d.year === dvo.year - 1 &&
      d.slug !== dvo.slug &&
      d.opdrachtgever.slug === dvo.opdrachtgever.slug &&
      d.opdrachtnemer.slug === dvo.opdrachtnemer.slug,
  );
}

function ActivateButton({
  dvo,
  previous,
  onActivated,
}: {
  dvo: DvoSummary;
  previous: DvoSummary | undefined;
  onActivated: (answer: ActivateResponse) => void;
}) {
  const activate = useActivateDvo(dvo.slug, onActivated);
  const [carryOpen, setCarryOpen] = useState(false);
  const carry = carryOpen && previous !== undefined;
  return (
    <>
      {previous && (
        <label className="check">
          <input type="checkbox" checked={carryOpen} onChange={(e) => setCarryOpen(e.target.checked)} /> Open
          afwijkingen en acties meenemen uit {previous.name}
          <span className="visually-hidden"> naar {dvo.name}</span>
        </label>
      )}
      <ConfirmAction
        label={
          <>
            Activeren<span className="visually-hidden"> {dvo.name}</span>
          </>
        }
        question={`${dvo.name} activeren? Daarna ziet iedereen van beide organisaties hem en kunnen er cijfers in.${
          carry
            ? ` De open afwijkingen en actiepunten van ${previous.name} gaan mee; daar zijn ze daarna alleen nog ter inzage.`
            : ''
        }`}
        confirmLabel="Ja, activeren"
        pending={activate.isPending}
        onConfirm={() => activate.mutate({ carryOpen: carry })}
      />
      {activate.error ? (
        <p role="alert" className="message message-error beheer-error">
          {errorText(activate.error)}
        </p>
      ) : null}
    </>
  );
}

function count(n: number, one: string, more: string): string {
  return `${n} ${n === 1 ? one : more}`;
}

/** After activating: what was carried over from last year and what was not, and why. */
function ActivatedSummary({ activated }: { activated: ActivateResponse }) {
  const carried: CarryResult | undefined = activated.carried;
  const base = `/dvo/${encodeURIComponent(activated.slug)}`;
  if (!carried) return <p>{activated.name} is actief. Er is niets meegenomen uit vorig jaar.</p>;
  return (
    <>
      <p>
        {activated.name} is actief. Meegenomen uit {carried.from.name}:{' '}
        {count(carried.deviations.length, 'afwijking', 'afwijkingen')} en{' '}
        {count(carried.actions.length, 'actiepunt', 'actiepunten')}.{' '}
        {carried.deviations.length > 0 && <Link to={`${base}/afwijkingen`}>Afwijkingen van {activated.name}</Link>}
      </p>
      {carried.notCarried.length > 0 ? (
        <>
          <p>Niet meegenomen ({carried.notCarried.length}):</p>
          <ul>
            {carried.notCarried.map((n) => (
              <li key={`${n.kind}-${n.id}`}>
                {n.kind === 'afwijking' ? 'Afwijking' : 'Actiepunt'} {n.name}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>Alles wat open stond is meegenomen.</p>
      )}
    </>
  );
}

function suggestSlug(name: string, year: number): string {
  const base = name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return base ? `${base}-${year}` : '';
}

/** One party: an existing organisation of the right kind, or a new one with its name and code. */
function PartyField({
  label,
  type,
  organisations,
  value,
  onChange,
  error,
}: {
  label: string;
  type: 'gemeente' | 'werkbedrijf';
  organisations: readonly OrganisationOption[];
  value: { choice: string; name: string };
  onChange: (value: { choice: string; name: string }) => void;
  error: string | undefined;
}) {
  const ids = useId();
  const fitting = organisations.filter((o) => o.type === type);
  return (
    <>
      <div className="field">
        <label htmlFor={`${ids}-org`}>{label}</label>
        <select
          id={`${ids}-org`}
          value={value.choice}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${ids}-fout` : undefined}
          onChange={(e) => onChange({ ...value, choice: e.target.value })}
        >
          {fitting.map((o) => (
            <option key={o.slug} value={o.slug}>
              {o.name}
            </option>
          ))}
          <option value={NEW}>nieuwe {type}…</option>
        </select>
        {error && (
          <p id={`${ids}-fout`} className="field-error">
            {error}
          </p>
        )}
      </div>
      {value.choice === NEW && (
        <div className="field">
          <label htmlFor={`${ids}-naam`}>Naam van de nieuwe {type}</label>
          <input
            id={`${ids}-naam`}
            value={value.name}
            autoComplete="organization"
            onChange={(e) => onChange({ ...value, name: e.target.value })}
          />
        </div>
      )}
    </>
  );
}

function partyRef(value: { choice: string; name: string }, type: 'gemeente' | 'werkbedrijf'): OrganisationRef {
  if (value.choice !== NEW) return value.choice;
  const name = value.name.trim();
  return { slug: suggestSlug(name, 0).replace(/-0$/, ''), name, type };
}

/** Next year's DVO, as a concept: a copy of a DVO (its agreements and latest norms) or empty. */
function NewDvoForm({
  dvos,
  organisations,
}: {
  dvos: readonly DvoSummary[];
  organisations: readonly OrganisationOption[];
}) {
  const ids = useId();
  const create = useCreateDvo();
  const latest = [...dvos].sort((a, b) => b.year - a.year)[0];
  const [from, setFrom] = useState(latest?.slug ?? '');
  const source = dvos.find((d) => d.slug === from);
  const [year, setYear] = useState(String((latest?.year ?? new Date().getFullYear()) + 1));
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [gever, setGever] = useState({ choice: latest?.opdrachtgever.slug ?? NEW, name: '' });
  const [nemer, setNemer] = useState({ choice: latest?.opdrachtnemer.slug ?? NEW, name: '' });
  const [done, setDone] = useState<DvoSummary | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);

  const yearNumber = Number(year);
  const defaultName = source ? source.name.replace(String(source.year), year) : `DVO ${year}`;
  const effectiveName = name.trim() || defaultName;
  const effectiveSlug =
    slug.trim() || (source ? source.slug.replace(String(source.year), year) : suggestSlug(effectiveName, yearNumber));
  const fieldErrors = new Map<string, string>();
  if (create.error instanceof ApiError) {
    for (const d of create.error.details) if (d.column) fieldErrors.set(d.column.split('.')[0] as string, d.message);
  }

  function chooseFrom(e: ChangeEvent<HTMLSelectElement>) {
    setFrom(e.target.value);
    const chosen = dvos.find((d) => d.slug === e.target.value);
    if (chosen) {
      setGever({ choice: chosen.opdrachtgever.slug, name: '' });
      setNemer({ choice: chosen.opdrachtnemer.slug, name: '' });
    }
    create.reset();
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    create.mutate(
      {
        slug: effectiveSlug,
        name: effectiveName,
        year: yearNumber,
        opdrachtgever: partyRef(gever, 'gemeente'),
        opdrachtnemer: partyRef(nemer, 'werkbedrijf'),
        ...(from ? { from } : {}),
      },
      {
        onSuccess: (created) => {
          setDone(created);
          setName('');
          setSlug('');
          requestAnimationFrame(() => statusRef.current?.focus());
        },
      },
    );
  }

  return (
    <div>
      <h3 id={`${ids}-kop`}>Nieuwe DVO</h3>
      <form aria-labelledby={`${ids}-kop`} onSubmit={onSubmit} className="beheer-form" noValidate>
        <div className="field">
          <label htmlFor={`${ids}-van`}>Beginnen met</label>
          <select id={`${ids}-van`} value={from} onChange={chooseFrom} aria-describedby={`${ids}-van-hint`}>
            {dvos.map((d) => (
              <option key={d.slug} value={d.slug}>
                een kopie van {d.name}
              </option>
            ))}
            <option value="">een lege DVO</option>
          </select>
          <p id={`${ids}-van-hint`} className="hint">
            Een kopie neemt alle afspraken over met hun hoofdstukken en hun laatste norm; elke afspraak verwijst naar
            dezelfde afspraak van vorig jaar.
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-jaar`}>Jaar</label>
          <input
            id={`${ids}-jaar`}
            inputMode="numeric"
            value={year}
            aria-invalid={fieldErrors.has('year') ? true : undefined}
            aria-describedby={fieldErrors.has('year') ? `${ids}-jaar-fout` : undefined}
            onChange={(e) => setYear(e.target.value.trim())}
          />
          {fieldErrors.has('year') && (
            <p id={`${ids}-jaar-fout`} className="field-error">
              {fieldErrors.get('year')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-naam`}>Naam</label>
          <input
            id={`${ids}-naam`}
            value={name}
            aria-describedby={`${ids}-naam-hint`}
            onChange={(e) => setName(e.target.value)}
          />
          <p id={`${ids}-naam-hint`} className="hint">
            Leeg: {defaultName}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-code`}>Code (in de adressen)</label>
          <input
            id={`${ids}-code`}
            value={slug}
            spellCheck={false}
            aria-invalid={fieldErrors.has('slug') ? true : undefined}
            aria-describedby={`${ids}-code-hint${fieldErrors.has('slug') ? ` ${ids}-code-fout` : ''}`}
            onChange={(e) => setSlug(e.target.value)}
          />
          <p id={`${ids}-code-hint`} className="hint">
            Kleine letters, cijfers en -. Leeg: {effectiveSlug}
          </p>
          {fieldErrors.has('slug') && (
            <p id={`${ids}-code-fout`} className="field-error">
              {fieldErrors.get('slug')}
            </p>
          )}
        </div>
        <PartyField
          label="Opdrachtgever (gemeente)"
          type="gemeente"
          organisations={organisations}
          value={gever}
          onChange={setGever}
          error={fieldErrors.get('opdrachtgever')}
        />
        <PartyField
          label="Opdrachtnemer (werkbedrijf)"
          type="werkbedrijf"
          organisations={organisations}
          value={nemer}
          onChange={setNemer}
          error={fieldErrors.get('opdrachtnemer')}
        />
        <div className="beheer-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? 'Bezig met aanmaken…' : 'DVO als concept aanmaken'}
          </button>
        </div>
        {create.error ? (
          <p role="alert" className="message message-error beheer-error">
            {errorText(create.error)}
          </p>
        ) : null}
        <p ref={statusRef} tabIndex={-1} role="status" className={done ? 'message' : 'visually-hidden'}>
          {done ? (
            <>
              {done.name} is aangemaakt als concept.{' '}
              <Link to={`/dvo/${encodeURIComponent(done.slug)}/afspraken`}>Afspraken en normen bekijken</Link>
            </>
          ) : null}
        </p>
      </form>
    </div>
  );
}

/** A catalogue file (fixtures/dvos format) becomes a new concept DVO. */
function ImportCatalogueForm() {
  const ids = useId();
  const create = useCreateDvo();
  const [readError, setReadError] = useState<string | null>(null);
  const [done, setDone] = useState<DvoSummary | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    setReadError(null);
    create.reset();
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setReadError('Kies eerst een catalogusbestand (.json).');
      return;
    }
    let catalogue: unknown;
    try {
      catalogue = JSON.parse(await file.text());
    } catch {
      setReadError(`${file.name} is geen leesbaar JSON-bestand. Er is niets opgeslagen.`);
      return;
    }
    create.mutate({ catalogue }, { onSuccess: (created) => setDone(created) });
  }

  const details = create.error instanceof ApiError ? create.error.details : [];
  return (
    <div>
      <h3 id={`${ids}-kop`}>Catalogus importeren</h3>
      <form aria-labelledby={`${ids}-kop`} onSubmit={onSubmit} className="beheer-form" noValidate>
        <div className="field">
          <label htmlFor={`${ids}-bestand`}>Catalogusbestand (.json)</label>
          <input
            ref={fileRef}
            id={`${ids}-bestand`}
            type="file"
            accept=".json,application/json"
            aria-describedby={`${ids}-hint`}
          />
          <p id={`${ids}-hint`} className="hint">
            In het formaat van "Catalogus downloaden" (zie fixtures/dvos/README.md); de code in het bestand wordt de
            code van de nieuwe DVO.
          </p>
        </div>
        <div className="beheer-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? 'Bezig met importeren…' : 'Importeren als concept'}
          </button>
        </div>
        {(readError || create.error) && (
          <div role="alert" className="message message-error beheer-error">
            <p>{readError ?? (create.error instanceof ApiError ? create.error.message : errorText(create.error))}</p>
            {details.length > 0 && (
              <ul>
                {details.map((d) => (
                  <li key={`${d.column}-${d.message}`}>
                    {d.column ? `${d.column}: ` : ''}
                    {d.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {done && (
          <p role="status" className="message">
            {done.name} is geïmporteerd als concept.
          </p>
        )}
      </form>
    </div>
  );
}
