import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import type { MeetingType } from '../../../../../shared/contracts/deviations.ts';
import { formatPeriodLabel } from '../../../../../shared/domain/format-nl.ts';
import { useOpenMeeting } from '../api.ts';
import { MEETING_TYPE_LABEL, MEETING_TYPES, parseAttendees, todayIso } from '../overleg-text.ts';
import { PeriodPicker } from './period-picker.tsx';
import { TitleAttendeesFields } from './title-attendees-fields.tsx';
import { WriteResult } from './write-result.tsx';

/** What a meeting type usually discusses: a month for the voortgangsbespreking, else a quarter. */
const TYPE_HINT: Record<MeetingType, string> = {
  voortgangsbespreking: 'maandelijks, beleid en teamleiders',
  kwartaaloverleg: 'per kwartaal, management',
  bestuurlijk_overleg: 'wethouder en directeur-bestuurder',
};

/**
 * Opens a meeting (opdrachtgever, beheerder). Opening freezes the period's deviation list as the data
 * stand now; afterwards the user lands on the meeting's page.
 */
export function MeetingForm({ dvo, year, initialPeriod }: { dvo: string; year: number; initialPeriod: string }) {
  const ids = useId();
  const navigate = useNavigate();
  const open = useOpenMeeting(dvo);
  const [type, setType] = useState<MeetingType>('kwartaaloverleg');
  const [date, setDate] = useState(todayIso());
  const [period, setPeriod] = useState(initialPeriod);
  const [title, setTitle] = useState('');
  const [attendees, setAttendees] = useState('');

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    open.mutate(
      { type, date, period, title: title.trim() || undefined, attendees: parseAttendees(attendees) },
      {
        onSuccess: (meeting) =>
          navigate(`/dvo/${encodeURIComponent(dvo)}/overleg/${meeting.id}`, { state: { opened: true } }),
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="overleg-form" noValidate aria-labelledby={`${ids}-kop`}>
      <h2 id={`${ids}-kop`}>Overleg openen</h2>
      <p className="hint overleg-form-intro">
        Bij het openen wordt de afwijkingenlijst van de gekozen periode vastgelegd zoals de gegevens nu zijn. Wat er
        daarna nog verandert, ziet u in de lijst van de periode, niet in die van het overleg.
      </p>
      <div className="overleg-form-row">
        <div className="field">
          <label htmlFor={`${ids}-soort`}>Soort overleg</label>
          <select
            id={`${ids}-soort`}
            value={type}
            aria-describedby={`${ids}-soort-hint`}
            onChange={(e) => setType(e.target.value as MeetingType)}
          >
            {MEETING_TYPES.map((t) => (
              <option key={t} value={t}>
                {MEETING_TYPE_LABEL[t]}
              </option>
            ))}
          </select>
          <p id={`${ids}-soort-hint`} className="hint">
            {TYPE_HINT[type]}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-datum`}>Datum</label>
          <input id={`${ids}-datum`} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
        <PeriodPicker year={year} value={period} onChange={setPeriod} label="Besproken periode" />
      </div>
      <TitleAttendeesFields
        ids={ids}
        title={title}
        onTitle={setTitle}
        attendees={attendees}
        onAttendees={setAttendees}
        hint="Eén naam (en eventueel functie) per regel. U kunt ze later aanvullen."
      />
      <button type="submit" className="button button-primary" disabled={open.isPending}>
        {open.isPending ? 'Bezig met openen…' : `${MEETING_TYPE_LABEL[type]} over ${formatPeriodLabel(period)} openen`}
      </button>
      {/* on success the user lands on the meeting itself */}
      <WriteResult
        status={open.isError ? 'error' : 'idle'}
        submittedAt={open.submittedAt}
        error={open.error}
        success=""
      />
    </form>
  );
}
