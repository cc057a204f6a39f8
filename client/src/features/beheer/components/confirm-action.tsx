import { type ReactNode, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../lib/api-client.ts';

/** The server's Dutch message (it says what to do), or a general one for anything else. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const details = error.details.map((d) => d.message).filter((m) => m !== error.message);
    return [error.message, ...details].join(' ');
  }
  return 'Er ging iets mis. Probeer het opnieuw.';
}

/** An API error next to the action that caused it. */
export function ActionError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="message message-error beheer-error">
      {errorText(error)}
    </p>
  );
}

interface ConfirmActionProps {
  /** The button: "Uitschakelen". */
  label: ReactNode;
  /** What will happen, asked before it does: "teamleider uitschakelen? …". */
  question: ReactNode;
  /** The confirming button: "Ja, uitschakelen". */
  confirmLabel: string;
  pending: boolean;
  onConfirm: () => void;
}

/**
 * A button that asks first, inline rather than with window.confirm, so the question is styled,
 * translated and reachable like the rest of the page. The focus moves to the question's button and
 * back to the first button afterwards.
 */
export function ConfirmAction({ label, question, confirmLabel, pending, onConfirm }: ConfirmActionProps) {
  const [asking, setAsking] = useState(false);
  const startRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) startRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      // aria-disabled rather than disabled while busy: the button keeps the focus it gets back
      <button
        ref={startRef}
        type="button"
        className="button"
        aria-disabled={pending}
        onClick={() => {
          if (!pending) setAsking(true);
        }}
      >
        {pending ? 'Bezig…' : label}
      </button>
    );
  }
  return (
    <fieldset className="beheer-confirm">
      <legend className="beheer-confirm-question">{question}</legend>
      <div className="beheer-actions">
        <button
          ref={confirmRef}
          type="button"
          className="button button-primary"
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button" onClick={() => setAsking(false)}>
          Annuleren
        </button>
      </div>
    </fieldset>
  );
}
