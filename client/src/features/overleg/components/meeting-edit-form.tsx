import { type FormEvent, useId, useState } from 'react';
import type { Meeting } from '../../../../../shared/contracts/deviations.ts';
import { useUpdateMeeting } from '../api.ts';
import { parseAttendees } from '../overleg-text.ts';
import { TitleAttendeesFields } from './title-attendees-fields.tsx';
import { WriteResult } from './write-result.tsx';

/** Title and attendees can be completed afterwards; type, period and the frozen list stay. */
export function MeetingEditForm({ dvo, meeting }: { dvo: string; meeting: Meeting }) {
  const ids = useId();
  const update = useUpdateMeeting(dvo, meeting.id);
  const [title, setTitle] = useState(meeting.title ?? '');
  const [attendees, setAttendees] = useState(meeting.attendees.join('\n'));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    update.mutate({ title: title.trim() || null, attendees: parseAttendees(attendees) });
  }

  return (
    <details className="overleg-edit">
      <summary>Titel en aanwezigen aanpassen</summary>
      <form onSubmit={onSubmit} className="overleg-form" noValidate aria-label="Titel en aanwezigen aanpassen">
        <TitleAttendeesFields
          ids={ids}
          title={title}
          onTitle={setTitle}
          attendees={attendees}
          onAttendees={setAttendees}
          hint="Eén naam (en eventueel functie) per regel."
        />
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          {update.isPending ? 'Bezig met opslaan…' : 'Opslaan'}
        </button>
        <WriteResult
          status={update.status}
          submittedAt={update.submittedAt}
          error={update.error}
          success="Titel en aanwezigen opgeslagen."
        />
      </form>
    </details>
  );
}
