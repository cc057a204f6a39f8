import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { Meeting } from '../../../../shared/contracts/deviations.ts';
import type { Role } from '../../../../shared/contracts/session.ts';
import { CHANGED_SINCE_TITLE } from '../../../../shared/domain/deviation-report.ts';
import { formatDateTime, formatPeriodLabel } from '../../../../shared/domain/format-nl.ts';
import { PeriodLock } from '../../components/period-lock.tsx';
import { PanelBoundary } from '../../components/ui/panel-boundary.tsx';
import { PanelState } from '../../components/ui/panel-state.tsx';
import { meetingDeviationsQuery, meetingExportUrl, meetingQuery, sessionQuery } from './api.ts';
import { CorrectionsPanel } from './components/corrections-panel.tsx';
import { DeviationSummary } from './components/deviation-summary.tsx';
import { DeviationTable } from './components/deviation-table.tsx';
import { ExportLinks } from './components/export-links.tsx';
import { MeetingEditForm } from './components/meeting-edit-form.tsx';
import { MeetingItems } from './components/meeting-items.tsx';
import { RecoveredList } from './components/recovered-list.tsx';
import { SignalsPanel } from './components/signals-panel.tsx';
import { agreementName, meetingName } from './overleg-text.ts';

const CHAIR_ROLES: readonly Role[] = ['opdrachtgever', 'beheerder'];
const PARTY_ROLES: readonly Role[] = ['opdrachtgever', 'opdrachtnemer', 'beheerder'];

/**
 * One meeting (`/dvo/:dvo/overleg/:id`): the deviation list exactly as it stood when the meeting was
 * opened, its decisions and action items (with those carried on), and the list as a file.
 */
export default function OverlegPage() {
  const { dvo = '', id: idParam = '' } = useParams();
  const id = /^\d+$/.test(idParam) ? Number(idParam) : 0;
  const detail = useQuery({ ...meetingQuery(dvo, id), enabled: id > 0 });
  const frozen = useQuery({ ...meetingDeviationsQuery(dvo, id), enabled: id > 0 });
  const session = useQuery(sessionQuery);
  const role = session.data?.user.role;
  const base = `/dvo/${encodeURIComponent(dvo)}`;
  const threadHref = (deviationId: number) => `${base}/afwijkingen/${deviationId}?overleg=${id}`;

  return (
    <div className="overleg">
      <p className="breadcrumb">
        <Link to={`${base}/overleg`}>Terug naar de overleggen</Link>
      </p>
      {id === 0 ? (
        <>
          <h1>Overleg niet gevonden</h1>
          <p className="message">Dit adres wijst niet naar een overleg.</p>
        </>
      ) : (
        <PanelState query={detail} label="het overleg">
          {(data) => (
            <>
              <MeetingHead meeting={data.meeting} canEdit={role ? CHAIR_ROLES.includes(role) : false} dvo={dvo} />
              <PeriodLock dvo={dvo} period={data.meeting.period} />
              <ExportLinks
                urlFor={(format) => meetingExportUrl(dvo, id, format)}
                what="De lijst van dit overleg zoals hij bij de opening was, met de besluiten en actiepunten."
              />
              <p className="overleg-skip">
                <a href="#overleg-punten">Naar de besluiten en actiepunten</a>
              </p>
              <PanelBoundary label="de afwijkingen van het overleg">
                <PanelState query={frozen} label="de afwijkingen van het overleg">
                  {(list) => (
                    <>
                      <DeviationSummary list={list} />
                      <SignalsPanel signals={data.signals} />
                      <CorrectionsPanel
                        corrections={list.changedSince}
                        id="overleg-sindsdien"
                        title={CHANGED_SINCE_TITLE}
                        intro={`Na de opening van dit overleg (${formatDateTime(data.meeting.asOf)}) gecorrigeerd, na vaststelling. De lijst hieronder blijft zoals hij besproken is.`}
                      />
                      <CorrectionsPanel
                        corrections={list.corrections}
                        intro="Cijfers van een vastgestelde periode die zijn gewijzigd sinds het vorige overleg."
                      />
                      <section aria-labelledby="overleg-lijst">
                        <h2 id="overleg-lijst">Per afspraak</h2>
                        <p className="hint">
                          Stand, toelichting en maatregel zoals ze bij de opening waren. Open een afspraak voor de
                          actuele stand of om die te wijzigen.
                        </p>
                        <DeviationTable
                          rows={list.rows}
                          month={list.evaluatedMonth}
                          caption={`Afwijkingen van het ${meetingName(data.meeting).toLowerCase()}`}
                          threadHref={threadHref}
                        />
                      </section>
                      <RecoveredList recovered={list.recovered} threadHref={threadHref} />
                    </>
                  )}
                </PanelState>
              </PanelBoundary>
              <section aria-labelledby="overleg-punten" className="card">
                <h2 id="overleg-punten" tabIndex={-1}>
                  Besluiten en actiepunten
                </h2>
                <p className="hint">
                  Open punten van eerdere overleggen staan er ook bij; ze gaan mee tot ze zijn afgerond.
                </p>
                <MeetingItems
                  dvo={dvo}
                  meetingId={id}
                  items={data.items}
                  deviations={(frozen.data?.rows ?? []).flatMap((r) =>
                    r.deviationId === null ? [] : [{ id: r.deviationId, name: agreementName(r.name, r.segment) }],
                  )}
                  canWrite={role ? PARTY_ROLES.includes(role) : false}
                  threadHref={threadHref}
                />
              </section>
            </>
          )}
        </PanelState>
      )}
    </div>
  );
}

function MeetingHead({ meeting, canEdit, dvo }: { meeting: Meeting; canEdit: boolean; dvo: string }) {
  const location = useLocation();
  const opened = (location.state as { opened?: boolean } | null)?.opened === true;
  const headingRef = useRef<HTMLHeadingElement>(null);
  // just opened from the form: continue from the new meeting's heading
  useEffect(() => {
    if (opened) headingRef.current?.focus();
  }, [opened]);
  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {meetingName(meeting)}
      </h1>
      {opened && (
        <p role="status" className="message overleg-result-ok">
          Het overleg is geopend. De afwijkingenlijst is vastgelegd zoals de gegevens op {formatDateTime(meeting.asOf)}{' '}
          waren.
        </p>
      )}
      <dl className="overleg-facts overleg-facts-top">
        {meeting.title && (
          <>
            <dt>Titel</dt>
            <dd>{meeting.title}</dd>
          </>
        )}
        <dt>Periode</dt>
        <dd>
          {formatPeriodLabel(meeting.period)}
          {meeting.period !== meeting.evaluatedMonth && ` (stand eind ${formatPeriodLabel(meeting.evaluatedMonth)})`}
        </dd>
        <dt>Aanwezig</dt>
        <dd>
          {meeting.attendees.length > 0 ? meeting.attendees.join(', ') : <span className="muted">niet vastgelegd</span>}
        </dd>
        <dt>Lijst vastgelegd</dt>
        <dd>
          {formatDateTime(meeting.asOf)} door {meeting.createdBy}
        </dd>
      </dl>
      {canEdit && <MeetingEditForm dvo={dvo} meeting={meeting} />}
    </>
  );
}
