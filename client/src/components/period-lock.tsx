import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import type { Role } from '../../../shared/contracts/session.ts';
import { formatDateTime, formatPeriodLabel } from '../../../shared/domain/format-nl.ts';
import { ApiError, api } from '../lib/api-client.ts';
import { lockCovering, locksQuery } from '../lib/dvo-queries.ts';
import { sessionQuery } from '../lib/session-query.ts';

/** Who may vaststellen and heropenen (interface.md §4); the server decides, this only hides the buttons. */
const LOCKING_ROLES: readonly Role[] = ['opdrachtgever', 'beheerder'];

/** Said wherever a vastgestelde period refuses something, so the werkbedrijf knows whom to ask. */
export const REOPEN_HINT = 'Alleen de opdrachtgever of een beheerder kan deze periode heropenen.';

interface PeriodLockProps {
  dvo: string;
  /** The screen's period: `YYYY-MM`, `YYYY-Qn` or `YYYY`. */
  period: string;
  /** Vaststellen / Heropenen for the roles that may (Maandoverzicht, Kwartaaloverleg). */
  actions?: boolean;
  /** Add who can reopen it (Aanleveren). */
  reopenHint?: boolean;
}

/**
 * Whether the screen's period is vastgesteld, by whom and when (the period itself, or the quarter or
 * year it lies in), on every screen about a period; with `actions`, the buttons to vaststellen and
 * heropenen, each asking first in a dialog that says what it means. Nothing when the period is open
 * and there is nothing to do.
 */
export function PeriodLock({ dvo, period, actions = false, reopenHint = false }: PeriodLockProps) {
  const locks = useQuery(locksQuery(dvo));
  const session = useQuery(sessionQuery);
  const mayChange = actions && session.data != null && LOCKING_ROLES.includes(session.data.user.role);
  if (!locks.data) return null;
  const lock = lockCovering(period, locks.data.locks);
  const label = formatPeriodLabel(period);
  if (!lock && !mayChange) return null;
  return (
    <div className={lock ? 'period-lock period-lock-locked' : 'period-lock'}>
      <p className="period-lock-text">
        {lock ? (
          <>
            <LockIcon />
            <strong>
              {lock.period === period
                ? `${capitalise(label)} is vastgesteld`
                : `${capitalise(label)} valt in de vastgestelde periode ${formatPeriodLabel(lock.period)}`}
            </strong>
            {lock.period === period ? ' door ' : ', vastgesteld door '}
            {lock.lockedBy} op <time dateTime={lock.lockedAt}>{formatDateTime(lock.lockedAt)}</time>.
            {reopenHint && ` Cijfers ervan kunnen niet meer worden aangeleverd of gewijzigd. ${REOPEN_HINT}`}
          </>
        ) : (
          <>{capitalise(label)} is nog niet vastgesteld.</>
        )}
      </p>
      {mayChange && (!lock || lock.period === period) && (
        <LockAction dvo={dvo} period={period} label={label} locked={lock !== null} />
      )}
      {mayChange && lock && lock.period !== period && (
        <p className="period-lock-text muted">Heropenen kan op het scherm van {formatPeriodLabel(lock.period)}.</p>
      )}
    </div>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function LockIcon() {
  return (
    <svg className="period-lock-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
      <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.8" />
    </svg>
  );
}

/** The button and its confirmation dialog (a modal <dialog>: focus stays inside, Escape cancels). */
function LockAction({ dvo, period, label, locked }: { dvo: string; period: string; label: string; locked: boolean }) {
  const ids = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: () =>
      api(`/api/dvos/${encodeURIComponent(dvo)}/periods/${encodeURIComponent(period)}/${locked ? 'unlock' : 'lock'}`, {
        method: 'POST',
        body: locked ? { reason: reason.trim() || undefined } : {},
      }),
    onSuccess: async () => {
      dialog.current?.close();
      setReason('');
      await queryClient.invalidateQueries({
        predicate: (q) =>
          q.queryKey[0] === 'dvos' &&
          q.queryKey[1] === dvo &&
          (q.queryKey[2] === 'locks' || q.queryKey[2] === 'lock-changes'),
      });
    },
  });
  const verb = locked ? 'heropenen' : 'vaststellen';
  const title = `${capitalise(label)} ${verb}?`;
  return (
    <>
      <button
        type="button"
        className={locked ? 'button' : 'button button-primary'}
        onClick={() => {
          change.reset();
          dialog.current?.showModal();
        }}
      >
        {locked ? 'Heropenen' : 'Vaststellen'}
      </button>
      <dialog ref={dialog} className="period-lock-dialog" aria-labelledby={`${ids}-titel`}>
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            change.mutate();
          }}
        >
          <h2 id={`${ids}-titel`}>{title}</h2>
          {locked ? (
            <>
              <p>
                Na heropenen kan het werkbedrijf de cijfers van {label} weer aanleveren en corrigeren. Stel de periode
                daarna opnieuw vast.
              </p>
              <p>
                Wat er na de eerste vaststelling verandert, blijft zichtbaar: het Maandoverzicht en de Indicator tonen
                het als ‘gewijzigd na vaststelling’, met de oude en de nieuwe waarde.
              </p>
              <div className="field">
                <label htmlFor={`${ids}-reden`}>Reden (voor het overleg en de audit, niet verplicht)</label>
                <textarea
                  id={`${ids}-reden`}
                  rows={2}
                  maxLength={2000}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
              </div>
            </>
          ) : (
            <>
              <p>
                Vaststellen betekent: de cijfers van {label} liggen vast zoals ze nu zijn. Het werkbedrijf kan voor deze
                periode niets meer aanleveren of corrigeren, en overleggen en exports gaan uit van deze stand.
              </p>
              <p>
                Alleen de opdrachtgever of een beheerder kan de periode later heropenen; een correctie daarna wordt
                getoond als ‘gewijzigd na vaststelling’.
              </p>
            </>
          )}
          {change.isError && (
            <p role="alert" className="message message-error">
              {change.error instanceof ApiError ? change.error.message : 'Er ging iets mis. Probeer het opnieuw.'}
            </p>
          )}
          <div className="period-lock-buttons">
            <button type="submit" className="button button-primary" aria-disabled={change.isPending}>
              {change.isPending ? 'Bezig…' : `Ja, ${verb}`}
            </button>
            <button type="button" className="button" onClick={() => dialog.current?.close()}>
              Annuleren
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
