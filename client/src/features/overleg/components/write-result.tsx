import { useEffect, useRef } from 'react';
import { ApiError } from '../../../lib/api-client.ts';

interface Props {
  status: 'idle' | 'pending' | 'success' | 'error';
  /** Changes with every submit, so a second save moves focus again. */
  submittedAt: number;
  error: Error | null;
  success: string;
}

/**
 * The outcome of a write, where the user was working: a status after success, the server's Dutch
 * refusal (403/409/422) as an alert. Focus moves to it, so keyboard and screen reader users continue
 * from the outcome.
 */
export function WriteResult({ status, submittedAt, error, success }: Props) {
  const ref = useRef<HTMLParagraphElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: submittedAt marks a new outcome of the same kind
  useEffect(() => {
    if (status === 'success' || status === 'error') ref.current?.focus();
  }, [status, submittedAt]);
  if (status === 'success') {
    return (
      <p ref={ref} tabIndex={-1} role="status" className="message overleg-result-ok">
        {success}
      </p>
    );
  }
  if (status === 'error') {
    const message =
      error instanceof ApiError ? error.message : 'Er ging iets mis bij het opslaan. Probeer het opnieuw.';
    return (
      <p ref={ref} tabIndex={-1} role="alert" className="message message-error">
        {message}
      </p>
    );
  }
  return null;
}
