import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import {
  MAIL_KIND_LABEL,
  type MailKind,
  MailKindSchema,
  type TeDoenResponse,
} from '../../../../shared/contracts/te-doen.ts';
import { DELIVERING_ROLES } from '../../../../shared/domain/delivery-due.ts';
import { ROLE_RIGHTS } from '../../../../shared/domain/deviation-workflow.ts';
import { formatDate, formatPeriodLabel, formatSegment } from '../../../../shared/domain/format-nl.ts';
import { CarriedNote } from '../../components/carried-note.tsx';
import { PanelState } from '../../components/ui/panel-state.tsx';
import { sessionQuery } from '../../lib/session-query.ts';
import { mailSettingsQuery, teDoenQuery, useSetMailKind } from './api.ts';
import { deliveryMonth, dueText, MEETING_LABEL } from './te-doen-text.ts';

const dvoPath = (slug: string) => `/dvo/${encodeURIComponent(slug)}`;

function Deliveries({ items }: { items: TeDoenResponse['deliveries'] }) {
  return (
    <section className="card" aria-labelledby="te-doen-leveringen">
      <h2 id="te-doen-leveringen">Aan te leveren ({items.length})</h2>
      {items.length === 0 ? (
        <p className="muted">Niets aan te leveren.</p>
      ) : (
        <ul className="te-doen-list">
          {items.map((d) => (
            <li key={`${d.dvo.slug}/${d.indicator}/${d.period}`}>
              <Link to={`${dvoPath(d.dvo.slug)}/aanleveren?periode=${deliveryMonth(d.period)}`}>
                {d.name} over {formatPeriodLabel(d.period)}
              </Link>{' '}
              <span className={d.state === 'te_laat' ? 'tag tag-late' : 'tag tag-due'}>{dueText(d)}</span>
              <span className="muted"> – {d.dvo.name}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Deviations({ items }: { items: TeDoenResponse['deviations'] }) {
  return (
    <section className="card" aria-labelledby="te-doen-afwijkingen">
      <h2 id="te-doen-afwijkingen">Afwijkingen die op u wachten ({items.length})</h2>
      {items.length === 0 ? (
        <p className="muted">Geen afwijkingen zonder uw toelichting of maatregel.</p>
      ) : (
        <ul className="te-doen-list">
          {items.map((d) => (
            <li key={`${d.dvo.slug}/${d.id}`}>
              <Link to={`${dvoPath(d.dvo.slug)}/afwijkingen/${d.id}`}>
                {d.name}
                {d.segment ? ` (${formatSegment(d.segment)})` : ''}: {d.needs} schrijven
              </Link>
              <span className="muted">
                {' '}
                – afwijkend t/m {formatPeriodLabel(d.lastPeriod)}, {d.dvo.name}
              </span>
              <CarriedNote carriedFrom={d.carriedFrom} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Actions({ items }: { items: TeDoenResponse['actions'] }) {
  return (
    <section className="card" aria-labelledby="te-doen-acties">
      <h2 id="te-doen-acties">Uw actiepunten ({items.length})</h2>
      {items.length === 0 ? (
        <p className="muted">
          Geen open actiepunten op uw naam. Een actiepunt is van u als de eigenaar uw gebruikersnaam of e-mailadres is.
        </p>
      ) : (
        <ul className="te-doen-list">
          {items.map((a) => (
            <li key={`${a.dvo.slug}/${a.id}`}>
              {/* a carried action item was raised in last year's meeting; it is done in this year's meetings */}
              <Link to={`${dvoPath(a.dvo.slug)}/overleg${a.carriedFrom ? '' : `/${a.meetingId}`}`}>{a.text}</Link>{' '}
              {a.deadline && (
                <span className={a.overdue ? 'tag tag-late' : 'tag tag-due'}>
                  {a.overdue ? 'deadline verstreken: ' : 'deadline '}
                  {formatDate(a.deadline)}
                </span>
              )}
              <span className="muted"> – {a.dvo.name}</span>
              <CarriedNote carriedFrom={a.carriedFrom} href={(ref) => `${dvoPath(ref.dvo)}/overleg/${a.meetingId}`} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Meetings({ items }: { items: TeDoenResponse['meetings'] }) {
  return (
    <section className="card" aria-labelledby="te-doen-overleggen">
      <h2 id="te-doen-overleggen">Volgende overleggen</h2>
      {items.length === 0 ? (
        <p className="muted">Geen overleggen gepland.</p>
      ) : (
        <ul className="te-doen-list">
          {items.map((m) => (
            <li key={`${m.dvo.slug}/${m.id}`}>
              <Link to={`${dvoPath(m.dvo.slug)}/overleg/${m.id}`}>
                {m.title ?? MEETING_LABEL[m.type]} op {formatDate(m.date)}
              </Link>
              <span className="muted">
                {' '}
                – over {formatPeriodLabel(m.period)}, {m.dvo.name}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MailSettingsSection() {
  const query = useQuery(mailSettingsQuery);
  const setKind = useSetMailKind();
  return (
    <section className="card" aria-labelledby="te-doen-mail">
      <h2 id="te-doen-mail">Herinneringen per e-mail</h2>
      <PanelState query={query} label="uw instellingen">
        {(settings) => (
          <>
            {!settings.mailEnabled && (
              <p className="message">Deze server verstuurt geen e-mail: er is geen mailserver ingesteld.</p>
            )}
            <p>
              {settings.email
                ? `Herinneringen gaan naar ${settings.email}.`
                : 'Er is geen e-mailadres bij uw account bekend: u krijgt geen herinneringen. Vraag de beheerder het in te vullen.'}
            </p>
            <fieldset className="filter-options">
              <legend>Deze herinneringen wil ik krijgen</legend>
              {MailKindSchema.options.map((kind: MailKind) => (
                <label key={kind} className="check">
                  <input
                    type="checkbox"
                    checked={settings.kinds[kind] ?? true}
                    onChange={(e) => setKind.mutate({ kind, on: e.target.checked })}
                  />{' '}
                  {MAIL_KIND_LABEL[kind]}
                </label>
              ))}
            </fieldset>
            <p role="status" className="hint">
              {setKind.isSuccess ? 'Opgeslagen.' : ''}
            </p>
            {setKind.isError && (
              <p role="alert" className="message message-error">
                Niet opgeslagen: {setKind.error.message}
              </p>
            )}
          </>
        )}
      </PanelState>
    </section>
  );
}

/** Te doen: what is the signed-in user's to do now, each item one click from where it is done. */
export default function TeDoenPage() {
  const query = useQuery(teDoenQuery);
  const role = useQuery(sessionQuery).data?.user.role;
  // the lists a role can never have items in are left out, by the rules the server's lists follow
  const delivers = role !== undefined && DELIVERING_ROLES.includes(role);
  const writesOnDeviations = role !== undefined && (ROLE_RIGHTS[role].toelichting || ROLE_RIGHTS[role].maatregel);
  return (
    <>
      <h1>Te doen</h1>
      <PanelState query={query} label="uw lijst">
        {(data) => (
          <>
            <p className="lead">
              {data.count === 0
                ? `Er staat op ${formatDate(data.today)} niets voor u open.`
                : `${data.count} ${data.count === 1 ? 'punt staat' : 'punten staan'} op ${formatDate(data.today)} voor u open.`}
            </p>
            {role === 'lezer' && (
              <p>
                Als lezer levert u geen cijfers aan en schrijft u geen toelichting of maatregel: hier staan de
                actiepunten op uw naam en de volgende overleggen.
              </p>
            )}
            {delivers && <Deliveries items={data.deliveries} />}
            {writesOnDeviations && <Deviations items={data.deviations} />}
            <Actions items={data.actions} />
            <Meetings items={data.meetings} />
          </>
        )}
      </PanelState>
      <MailSettingsSection />
    </>
  );
}
