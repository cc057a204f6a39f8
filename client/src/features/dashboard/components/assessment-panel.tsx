import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { AssessmentEntry } from '../../../../../shared/contracts/assessments.ts';
import type { Indicator } from '../../../../../shared/contracts/catalogue.ts';
import type { Role } from '../../../../../shared/contracts/session.ts';
import {
  type AssessmentProblem,
  assessmentLock,
  assessmentProblems,
  maySetAssessments,
} from '../../../../../shared/domain/assessments.ts';
import { formatDate, formatDateTime, formatPeriodLabel } from '../../../../../shared/domain/format-nl.ts';
import { dutchDay } from '../../../../../shared/domain/periods.ts';
import { ASSESSED_STATUSES, type AssessedStatus, STATUS_LABEL } from '../../../../../shared/domain/statuses.ts';
import { StatusBadge } from '../../../components/ui/status-badge.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useAssessmentHistory, useLocks, useSession, useSetAssessment } from '../api.ts';

type Field = AssessmentProblem['column'];
type FieldErrors = Partial<Record<Field, string>>;

const ROLE_WORD: Record<Role, string> = {
  beheerder: 'beheerder',
  opdrachtgever: 'opdrachtgever',
  opdrachtnemer: 'opdrachtnemer',
  lezer: 'lezer',
};

/** The periods a setting is made for: the quarters of the year, or the year of a one-off milestone. */
function periodsOf(indicator: Indicator, year: number): string[] {
  return indicator.frequency === 'Q' ? [1, 2, 3, 4].map((q) => `${year}-Q${q}`) : [String(year)];
}

function defaultPeriod(indicator: Indicator, month: string): string {
  const year = month.slice(0, 4);
  if (indicator.frequency !== 'Q') return year;
  return `${year}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
}

/**
 * Setting the status by hand (decision 0017): a qualitative agreement gets a status and a narrative
 * per quarter, a milestone the day it was done with a note. Below it, every earlier setting.
 */
export function AssessmentPanel({ dvo, indicator, month }: { dvo: string; indicator: Indicator; month: string }) {
  const session = useSession();
  const history = useAssessmentHistory(dvo, indicator.code);
  const role = session.data?.user.role;
  return (
    <section className="card" aria-labelledby="stand-vastleggen">
      <h2 id="stand-vastleggen">
        {indicator.kind === 'qualitative' ? 'Status vastleggen' : 'Gereedmelding vastleggen'}
      </h2>
      {role && maySetAssessments(role) ? (
        history.isSuccess ? (
          <AssessmentForm dvo={dvo} indicator={indicator} month={month} entries={history.data.entries} />
        ) : history.isError ? (
          <p className="message message-error" role="alert">
            De eerdere standen konden niet worden geladen; probeer de pagina opnieuw te laden.
          </p>
        ) : (
          <p className="message message-loading" role="status">
            Bezig met laden…
          </p>
        )
      ) : (
        <p>
          U kunt de stand lezen. De opdrachtnemer en de opdrachtgever leggen hem vast
          {indicator.kind === 'qualitative' ? ', met een toelichting per kwartaal.' : '.'}
        </p>
      )}
      <h3 id="eerdere-standen">Eerder vastgelegd</h3>
      {history.isSuccess ? (
        <AssessmentLog indicator={indicator} entries={history.data.entries} />
      ) : (
        !history.isError && (
          <p className="message message-loading" role="status">
            Bezig met laden…
          </p>
        )
      )}
    </section>
  );
}

function AssessmentForm({
  dvo,
  indicator,
  month,
  entries,
}: {
  dvo: string;
  indicator: Indicator;
  month: string;
  entries: readonly AssessmentEntry[];
}) {
  const ids = useId();
  const year = Number(month.slice(0, 4));
  const qualitative = indicator.kind === 'qualitative';
  const periods = periodsOf(indicator, year);
  const locks = useLocks(dvo);
  const save = useSetAssessment(dvo, indicator.code);

  const [period, setPeriod] = useState(() => defaultPeriod(indicator, month));
  const current = entries.find((e) => e.current && e.period === period);
  const [status, setStatus] = useState<AssessedStatus | null>(current?.status ?? null);
  const [narrative, setNarrative] = useState(current?.narrative ?? '');
  const [completedOn, setCompletedOn] = useState(current?.completedOn ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [outcomeAt, setOutcomeAt] = useState(0);

  const firstStatus = useRef<HTMLInputElement>(null);
  const narrativeRef = useRef<HTMLTextAreaElement>(null);
  const dateRef = useRef<HTMLInputElement>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);

  // outcomeAt changes with every outcome, also one with the same text, so focus moves again
  useEffect(() => {
    if (outcomeAt > 0) outcomeRef.current?.focus();
  }, [outcomeAt]);

  function choosePeriod(next: string) {
    const setting = entries.find((e) => e.current && e.period === next);
    setPeriod(next);
    setStatus(setting?.status ?? null);
    setNarrative(setting?.narrative ?? '');
    setCompletedOn(setting?.completedOn ?? '');
    setErrors({});
    setSaved(null);
    setFailure(null);
  }

  function showErrors(problems: readonly { column?: string; message: string }[]): boolean {
    const byField: FieldErrors = {};
    for (const p of problems) {
      if (p.column === 'status' || p.column === 'narrative' || p.column === 'completedOn') {
        byField[p.column] ??= p.message;
      }
    }
    setErrors(byField);
    const order: Field[] = qualitative
      ? ['status', 'narrative', 'completedOn']
      : ['completedOn', 'narrative', 'status'];
    const first = order.find((f) => byField[f]);
    const target = { status: firstStatus, narrative: narrativeRef, completedOn: dateRef }[first ?? 'narrative'];
    if (first) target.current?.focus();
    return first !== undefined;
  }

  const periodLock = locks.data
    ? assessmentLock(
        period,
        { completedOn: null, previousCompletedOn: null },
        locks.data.locks.map((l) => l.period),
      )
    : null;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    setFailure(null);
    const input = {
      status: qualitative ? status : null,
      narrative: narrative.trim() || null,
      completedOn: qualitative ? null : completedOn || null,
    };
    const problems = assessmentProblems(indicator.kind === 'qualitative' ? 'qualitative' : 'milestone', input, {
      year,
      today: dutchDay(new Date()),
    });
    if (problems.length > 0) {
      showErrors(problems);
      return;
    }
    setErrors({});
    save.mutate(
      { period, body: input },
      {
        onSuccess: (result) => {
          setSaved(
            qualitative
              ? `Opgeslagen: ${formatPeriodLabel(period)} staat op '${STATUS_LABEL[result.status ?? 'qualitative']}'. Het Maandoverzicht en het Kwartaaloverleg tonen de nieuwe stand.`
              : result.completedOn
                ? `Opgeslagen: gereed op ${formatDate(result.completedOn)}. Het Maandoverzicht en het Kwartaaloverleg tonen de nieuwe stand.`
                : 'Opgeslagen: de notitie is vastgelegd; de mijlpaal staat nog niet als gereed.',
          );
          setOutcomeAt(Date.now());
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'validation_failed' && showErrors(error.details)) return;
          setFailure(
            error instanceof ApiError ? error.message : 'Er ging iets mis bij het opslaan. Probeer het opnieuw.',
          );
          setOutcomeAt(Date.now());
        },
      },
    );
  }

  const describedBy = (field: Field, hint?: string) =>
    [hint, errors[field] ? `${ids}-${field}-fout` : null].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: Field) =>
    errors[field] ? (
      <p id={`${ids}-${field}-fout`} className="field-error">
        <span className="visually-hidden">Fout: </span>
        {errors[field]}
      </p>
    ) : null;

  return (
    <form className="assessment-form" onSubmit={onSubmit} noValidate aria-labelledby="stand-vastleggen">
      <p className="hint assessment-intro">
        {qualitative
          ? 'Kies het kwartaal, de status en schrijf waarom. De opdrachtnemer legt de stand vast; de opdrachtgever kan hem aanpassen. Elke stand blijft met naam en tijd bewaard.'
          : 'Vul de dag in waarop de mijlpaal gereed was, met een notitie. Nog niet gereed? Laat de datum leeg en schrijf de stand in de notitie.'}
      </p>
      {periods.length > 1 ? (
        <div className="field">
          <label htmlFor={`${ids}-periode`}>Kwartaal</label>
          <select
            className="assessment-select"
            id={`${ids}-periode`}
            value={period}
            onChange={(e) => choosePeriod(e.target.value)}
          >
            {periods.map((p) => (
              <option key={p} value={p}>
                {formatPeriodLabel(p)}
                {entries.some((e) => e.current && e.period === p) ? ' (al ingevuld)' : ''}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p>
          Mijlpaal van {period}
          {indicator.norm.basis === 'deadline' && indicator.norm.deadline
            ? `, uiterlijk gereed op ${formatDate(indicator.norm.deadline)}`
            : ''}
          .
        </p>
      )}
      {periodLock && (
        <p className="message" id={`${ids}-vastgesteld`}>
          {periodLock.message}
        </p>
      )}
      <fieldset className="assessment-fields" disabled={periodLock !== null || save.isPending}>
        <legend className="visually-hidden">
          {qualitative ? `Stand van ${formatPeriodLabel(period)}` : 'Gereedmelding'}
        </legend>
        {qualitative && (
          <fieldset className="assessment-status" aria-describedby={describedBy('status')}>
            <legend>Status</legend>
            <div className="assessment-status-options">
              {ASSESSED_STATUSES.map((s, i) => (
                <label key={s} className="assessment-status-option">
                  <input
                    ref={i === 0 ? firstStatus : undefined}
                    className="assessment-radio"
                    type="radio"
                    name={`${ids}-status`}
                    value={s}
                    checked={status === s}
                    aria-invalid={errors.status ? true : undefined}
                    aria-describedby={describedBy('status')}
                    onChange={() => {
                      setStatus(s);
                      if (errors.status) setErrors({ ...errors, status: undefined });
                    }}
                  />
                  <StatusBadge status={s} />
                </label>
              ))}
            </div>
            {fieldError('status')}
          </fieldset>
        )}
        {!qualitative && (
          <div className="field">
            <label htmlFor={`${ids}-datum`}>Gereed op</label>
            <input
              ref={dateRef}
              id={`${ids}-datum`}
              type="date"
              className={errors.completedOn ? 'assessment-date assessment-invalid' : 'assessment-date'}
              value={completedOn}
              aria-invalid={errors.completedOn ? true : undefined}
              aria-describedby={describedBy('completedOn', `${ids}-datum-hint`)}
              onChange={(e) => {
                setCompletedOn(e.target.value);
                if (errors.completedOn) setErrors({ ...errors, completedOn: undefined });
              }}
            />
            <p id={`${ids}-datum-hint`} className="hint">
              De dag waarop de mijlpaal gereed was; leeg als hij nog niet gereed is.
            </p>
            {fieldError('completedOn')}
          </div>
        )}
        <div className="field">
          <label htmlFor={`${ids}-tekst`}>{qualitative ? 'Toelichting' : 'Notitie (optioneel bij een datum)'}</label>
          <textarea
            ref={narrativeRef}
            id={`${ids}-tekst`}
            className={errors.narrative ? 'assessment-textarea assessment-invalid' : 'assessment-textarea'}
            rows={4}
            maxLength={8000}
            required={qualitative}
            aria-invalid={errors.narrative ? true : undefined}
            aria-describedby={describedBy('narrative', `${ids}-tekst-hint`)}
            value={narrative}
            onChange={(e) => {
              setNarrative(e.target.value);
              if (errors.narrative) setErrors({ ...errors, narrative: undefined });
            }}
          />
          <p id={`${ids}-tekst-hint`} className="hint">
            {qualitative
              ? 'Verplicht. Wat is er dit kwartaal gebeurd, en waarom deze status? Maximaal 8000 tekens.'
              : 'Bijvoorbeeld waar het resultaat te vinden is, of wat er nog moet gebeuren.'}
          </p>
          {fieldError('narrative')}
        </div>
        <button type="submit" className="button button-primary">
          {save.isPending ? 'Bezig met opslaan…' : qualitative ? 'Status opslaan' : 'Gereedmelding opslaan'}
        </button>
      </fieldset>
      {saved && (
        <p ref={outcomeRef} tabIndex={-1} role="status" className="message assessment-saved">
          {saved}
        </p>
      )}
      {failure && (
        <p ref={outcomeRef} tabIndex={-1} role="alert" className="message message-error assessment-failed">
          {failure}
        </p>
      )}
    </form>
  );
}

function describeEntry(indicator: Indicator, e: AssessmentEntry) {
  if (indicator.kind === 'qualitative') return e.status ? <StatusBadge status={e.status} /> : '–';
  return e.completedOn ? `gereed op ${formatDate(e.completedOn)}` : 'nog niet gereed';
}

/** Every setting, newest first: who (and for which party), when, what. */
function AssessmentLog({ indicator, entries }: { indicator: Indicator; entries: readonly AssessmentEntry[] }) {
  if (entries.length === 0) return <p className="message">Er is voor deze afspraak nog niets vastgelegd.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table assessment-log">
        <caption className="visually-hidden">Alle vastgelegde standen, nieuwste eerst</caption>
        <thead>
          <tr>
            <th scope="col">Vastgelegd op</th>
            <th scope="col">Door</th>
            <th scope="col">{indicator.frequency === 'Q' ? 'Kwartaal' : 'Jaar'}</th>
            <th scope="col">{indicator.kind === 'qualitative' ? 'Status' : 'Stand'}</th>
            <th scope="col">{indicator.kind === 'qualitative' ? 'Toelichting' : 'Notitie'}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={`${e.period}|${e.recordedAt}`} className={e.current ? undefined : 'superseded'}>
              <td>{formatDateTime(e.recordedAt)}</td>
              <td>
                {e.recordedBy}
                <span className="source-note">
                  {ROLE_WORD[e.role]}
                  {e.organisation ? `, ${e.organisation}` : ''}
                </span>
              </td>
              <th scope="row">{formatPeriodLabel(e.period)}</th>
              <td>
                {describeEntry(indicator, e)}
                {e.current ? <span className="tag">huidig</span> : <span className="tag tag-muted">vervangen</span>}
              </td>
              <td className="assessment-narrative">{e.narrative ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
