import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Meeting } from '../../../../shared/contracts/deviations.ts';
import type { Role } from '../../../../shared/contracts/session.ts';
import { formatDate, formatDateTime, formatPeriodLabel } from '../../../../shared/domain/format-nl.ts';
import { PanelState } from '../../components/ui/panel-state.tsx';
import { quarterOfMonthPeriod } from '../../lib/period-nav.ts';
import { dvosQuery, meetingsQuery, sessionQuery } from './api.ts';
import { MeetingForm } from './components/meeting-form.tsx';
import { useDefaultMonth } from './default-period.ts';
import { MEETING_TYPE_LABEL, readPeriodParam } from './overleg-text.ts';

const CHAIR_ROLES: readonly Role[] = ['opdrachtgever', 'beheerder'];

/**
 * Overleggen (`/dvo/:dvo/overleg[?periode=]`): the voortgangsbesprekingen, kwartaaloverleggen and
 * bestuurlijke overleggen of the DVO, newest first, and (for the gemeente) the form to open one.
 */
export default function OverleggenPage() {
  const { dvo = '' } = useParams();
  const [params] = useSearchParams();
  const dvos = useQuery(dvosQuery);
  const session = useQuery(sessionQuery);
  const meetings = useQuery(meetingsQuery(dvo));
  const summary = dvos.data?.dvos.find((d) => d.slug === dvo);
  const canOpen = session.data ? CHAIR_ROLES.includes(session.data.user.role) : false;
  const asked = summary ? readPeriodParam(params.get('periode'), summary.year) : null;
  const fallback = useDefaultMonth(dvo, summary?.year, canOpen && Boolean(summary) && asked === null);
  // a kwartaaloverleg is the usual meeting to open, so the default is the latest month's quarter
  const initialPeriod = asked ?? (fallback ? quarterOfMonthPeriod(fallback) : null);
  const base = `/dvo/${encodeURIComponent(dvo)}`;

  return (
    <div className="overleg">
      <h1>Overleggen</h1>
      <p className="lead">
        Elk overleg legt de afwijkingenlijst vast zoals die bij de opening was, met de besluiten en actiepunten. Open
        actiepunten gaan mee naar het volgende overleg.
      </p>
      <section aria-labelledby="overleg-lijst-kop" className="card">
        <h2 id="overleg-lijst-kop">Gehouden en geopende overleggen</h2>
        <PanelState
          query={meetings}
          label="de overleggen"
          isEmpty={(data) => data.meetings.length === 0}
          empty={<p className="message">Er is nog geen overleg geopend voor deze DVO.</p>}
        >
          {(data) => <MeetingTable meetings={data.meetings} base={base} />}
        </PanelState>
      </section>
      {canOpen && (
        <section className="card">
          <PanelState
            query={dvos}
            label="de DVO"
            isEmpty={() => !summary}
            empty={<p className="message">Deze DVO bestaat niet of u heeft er geen toegang toe.</p>}
          >
            {() =>
              summary && initialPeriod ? (
                <MeetingForm dvo={dvo} year={summary.year} initialPeriod={initialPeriod} />
              ) : (
                <p className="message message-loading" role="status">
                  Bezig met laden van het formulier…
                </p>
              )
            }
          </PanelState>
        </section>
      )}
    </div>
  );
}

function MeetingTable({ meetings, base }: { meetings: readonly Meeting[]; base: string }) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">Overleggen, nieuwste eerst</caption>
        <thead>
          <tr>
            <th scope="col">Datum</th>
            <th scope="col">Soort</th>
            <th scope="col">Periode</th>
            <th scope="col">Titel</th>
            <th scope="col">Aanwezig</th>
            <th scope="col">Lijst vastgelegd</th>
          </tr>
        </thead>
        <tbody>
          {meetings.map((m) => (
            <tr key={m.id}>
              <th scope="row" className="overleg-nowrap">
                <Link to={`${base}/overleg/${m.id}`}>
                  {formatDate(m.date)}
                  <span className="visually-hidden">: {MEETING_TYPE_LABEL[m.type].toLowerCase()}</span>
                </Link>
              </th>
              <td>{MEETING_TYPE_LABEL[m.type]}</td>
              <td className="overleg-nowrap">{formatPeriodLabel(m.period)}</td>
              <td>{m.title ?? <span className="muted">–</span>}</td>
              <td>{m.attendees.length > 0 ? m.attendees.join(', ') : <span className="muted">–</span>}</td>
              <td>
                {formatDateTime(m.asOf)} <span className="muted">door {m.createdBy}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
