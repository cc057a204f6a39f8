interface TitleAttendeesFieldsProps {
  /** from useId() of the form, so the ids are unique per form */
  ids: string;
  title: string;
  onTitle: (title: string) => void;
  attendees: string;
  onAttendees: (attendees: string) => void;
  hint: string;
}

/** The title and attendees of a meeting, as the open form and the edit form both ask them. */
export function TitleAttendeesFields({ ids, title, onTitle, attendees, onAttendees, hint }: TitleAttendeesFieldsProps) {
  return (
    <>
      <div className="field">
        <label htmlFor={`${ids}-titel`}>Titel (optioneel)</label>
        <input
          id={`${ids}-titel`}
          maxLength={200}
          autoComplete="off"
          value={title}
          onChange={(e) => onTitle(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-aanwezig`}>Aanwezigen</label>
        <textarea
          id={`${ids}-aanwezig`}
          rows={4}
          aria-describedby={`${ids}-aanwezig-hint`}
          value={attendees}
          onChange={(e) => onAttendees(e.target.value)}
        />
        <p id={`${ids}-aanwezig-hint`} className="hint">
          {hint}
        </p>
      </div>
    </>
  );
}
