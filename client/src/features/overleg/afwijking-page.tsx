import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import type { DeviationThread } from '../../../../shared/contracts/deviations.ts';
import type { Role } from '../../../../shared/contracts/session.ts';
import { articleLabel, formatDate, formatPeriodLabel, formatValue } from '../../../../shared/domain/format-nl.ts';
import { CarriedNote } from '../../components/carried-note.tsx';
import { PanelBoundary } from '../../components/ui/panel-boundary.tsx';
import { PanelState } from '../../components/ui/panel-state.tsx';
import { StatusBadge } from '../../components/ui/status-badge.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { dvosQuery, indicatorsQuery, meetingQuery, sessionQuery, statusQuery, threadQuery } from './api.ts';
import { MaatregelForm, ToelichtingForm, TransitionForm } from './components/thread-forms.tsx';
import { ThreadHistory } from './components/thread-history.tsx';
import { agreementName, meetingName, readPeriodParam, STATE_LABEL } from './overleg-text.ts';

/**
 * One deviation as a conversation (`/dvo/:dvo/afwijkingen/:id`): the toelichting of the werkbedrijf,
 * the agreed maatregel, the state and who changed what when. `?periode=` or `?overleg=` says where the
 * user came from, for the way back. Everything users wrote is rendered as text.
 */
export default function AfwijkingPage() {
  const { dvo = '', id: idParam = '' } = useParams();
  const [params] = useSearchParams();
  const id = /^\d+$/.test(idParam) ? Number(idParam) : 0;
  const thread = useQuery({ ...threadQuery(dvo, id), enabled: id > 0 });
  const session = useQuery(sessionQuery);
  const role = session.data?.user.role;

  return (
    <div className="overleg overleg-thread">
      <BackLink dvo={dvo} params={params} />
      {id === 0 ? (
        <>
          <h1>Afwijking niet gevonden</h1>
          <p className="message">Dit adres wijst niet naar een afwijking.</p>
        </>
      ) : (
        <PanelState query={thread} label="de afwijking">
          {(data) => <Thread dvo={dvo} thread={data} role={role} />}
        </PanelState>
      )}
      {thread.isError && thread.error instanceof ApiError && thread.error.status === 404 && (
        <p>
          <Link to={`/dvo/${encodeURIComponent(dvo)}/afwijkingen`}>Naar de afwijkingen</Link>
        </p>
      )}
    </div>
  );
}

function BackLink({ dvo, params }: { dvo: string; params: URLSearchParams }) {
  const base = `/dvo/${encodeURIComponent(dvo)}`;
  const meetingId = /^\d+$/.test(params.get('overleg') ?? '') ? Number(params.get('overleg')) : null;
  const meeting = useQuery({ ...meetingQuery(dvo, meetingId ?? 0), enabled: meetingId !== null });
  const dvos = useQuery(dvosQuery);
  const year = dvos.data?.dvos.find((d) => d.slug === dvo)?.year;
  if (meetingId !== null) {
    return (
      <p className="breadcrumb">
        <Link to={`${base}/overleg/${meetingId}`}>
          Terug naar{' '}
          {meeting.data ? meetingName(meeting.data.meeting).replace(/^./, (c) => c.toLowerCase()) : 'het overleg'}
        </Link>
      </p>
    );
  }
  const period = year ? readPeriodParam(params.get('periode'), year) : null;
  return (
    <p className="breadcrumb">
      <Link to={period ? `${base}/afwijkingen?${new URLSearchParams({ periode: period })}` : `${base}/afwijkingen`}>
        Terug naar de afwijkingen{period ? ` van ${formatPeriodLabel(period)}` : ''}
      </Link>
    </p>
  );
}

function Thread({ dvo, thread, role }: { dvo: string; thread: DeviationThread; role: Role | undefined }) {
  const closed = thread.state === 'afgesloten';
  return (
    <>
      <h1>
        <span className="overleg-h1-kicker">Afwijking</span> {agreementName(thread.name, thread.segment)}
      </h1>
      <Facts dvo={dvo} thread={thread} />

      <section aria-labelledby="overleg-toelichting" className="card">
        <h2 id="overleg-toelichting">Toelichting</h2>
        {thread.toelichting ? (
          <p className="overleg-text overleg-current">{thread.toelichting}</p>
        ) : (
          <p className="muted">Het werkbedrijf heeft nog geen toelichting gegeven.</p>
        )}
        {thread.canWriteToelichting ? (
          <ToelichtingForm dvo={dvo} thread={thread} />
        ) : (
          !closed && role === 'opdrachtgever' && <p className="hint">De toelichting schrijft het werkbedrijf.</p>
        )}
      </section>

      <section aria-labelledby="overleg-maatregel" className="card">
        <h2 id="overleg-maatregel">Maatregel</h2>
        {thread.maatregel ? (
          <dl className="overleg-facts">
            <dt>Omschrijving</dt>
            <dd className="overleg-text">{thread.maatregel.text}</dd>
            <dt>Eigenaar</dt>
            <dd>{thread.maatregel.owner ?? '–'}</dd>
            <dt>Deadline</dt>
            <dd>{thread.maatregel.deadline ? formatDate(thread.maatregel.deadline) : '–'}</dd>
          </dl>
        ) : (
          <p className="muted">Er is nog geen maatregel vastgelegd.</p>
        )}
        {thread.canWriteMaatregel ? (
          <MaatregelForm dvo={dvo} thread={thread} proposal={role === 'opdrachtnemer'} />
        ) : (
          !closed &&
          role === 'opdrachtnemer' && (
            <p className="hint">
              De maatregel staat op &apos;{STATE_LABEL[thread.state]}&apos;. Een wijziging legt de opdrachtgever vast.
            </p>
          )
        )}
      </section>

      <section aria-labelledby="overleg-stand" className="card">
        <h2 id="overleg-stand">Stand</h2>
        <p>
          Deze afwijking staat op <strong>{STATE_LABEL[thread.state]}</strong>.
          {closed && ' Komt ze terug, dan wordt het een nieuwe afwijking.'}
        </p>
        {thread.allowedTransitions.length > 0 ? (
          <TransitionForm dvo={dvo} thread={thread} />
        ) : (
          !closed &&
          role !== undefined &&
          role !== 'beheerder' &&
          role !== 'opdrachtgever' && <p className="hint">De stand wijzigt de opdrachtgever.</p>
        )}
      </section>

      <section aria-labelledby="overleg-geschiedenis" className="card">
        <h2 id="overleg-geschiedenis">Geschiedenis</h2>
        <ThreadHistory history={thread.history} />
      </section>
    </>
  );
}

/** Since when, the state, and the figures of the latest month it was seen deviating (from `/status`). */
function Facts({ dvo, thread }: { dvo: string; thread: DeviationThread }) {
  const indicators = useQuery(indicatorsQuery(dvo));
  // a thread carried from last year was last seen in that year: its figures are in last year's DVO
  const from = thread.carriedFrom;
  const figuresDvo = from && thread.lastPeriod.startsWith(String(from.year)) ? from.dvo : dvo;
  const origin = useQuery({ ...threadQuery(from?.dvo ?? '', from?.id ?? 0), enabled: figuresDvo !== dvo });
  const code = figuresDvo === dvo ? thread.indicator : origin.data?.indicator;
  const status = useQuery({ ...statusQuery(figuresDvo, thread.lastPeriod), enabled: code !== undefined });
  const indicator = indicators.data?.indicators.find((i) => i.code === thread.indicator);
  const row = status.data?.rows.find((r) => r.indicator === code && r.segment === thread.segment);
  return (
    <dl className="overleg-facts overleg-facts-top">
      <dt>Stand</dt>
      <dd>{STATE_LABEL[thread.state]}</dd>
      {(thread.carriedFrom || thread.carriedTo) && (
        <>
          <dt>Jaarwisseling</dt>
          <dd>
            <CarriedNote carriedFrom={thread.carriedFrom} carriedTo={thread.carriedTo} />
            {thread.carriedTo && (
              <span className="overleg-meta">
                Hier staat ze alleen ter inzage; het gesprek gaat verder in {thread.carriedTo.dvoName}.
              </span>
            )}
          </dd>
        </>
      )}
      <dt>Afwijkend</dt>
      <dd>
        {thread.firstPeriod === thread.lastPeriod
          ? formatPeriodLabel(thread.firstPeriod)
          : `sinds ${formatPeriodLabel(thread.firstPeriod)}, laatst gezien ${formatPeriodLabel(thread.lastPeriod)}`}
      </dd>
      {indicator && (
        <>
          <dt>Artikel</dt>
          <dd>
            {articleLabel(indicator.article)} ({indicator.chapter})
          </dd>
        </>
      )}
      <dt>Eind {formatPeriodLabel(thread.lastPeriod)}</dt>
      <dd>
        <PanelBoundary label="de cijfers">
          {row ? (
            <>
              <StatusBadge status={row.status} />{' '}
              {(row.actual !== null || row.expected !== null) && (
                <span>
                  realisatie {formatValue(row.actual, row.unit)}, norm tot dan {formatValue(row.expected, row.unit)}
                </span>
              )}
              {row.narrative && <span className="overleg-meta overleg-text">{row.narrative}</span>}
            </>
          ) : status.isError ? (
            <span className="muted">de cijfers konden niet worden geladen</span>
          ) : status.isPending ? (
            <span className="muted">cijfers worden geladen…</span>
          ) : (
            <span className="muted">geen cijfers</span>
          )}
        </PanelBoundary>
      </dd>
    </dl>
  );
}
