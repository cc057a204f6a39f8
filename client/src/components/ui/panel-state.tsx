import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../../lib/api-client.ts';

interface PanelStateProps<T> {
  query: UseQueryResult<T>;
  /** What is loading, for the Dutch messages: "de afspraken". */
  label: string;
  children: (data: T) => ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
}

/** Loading, error and empty states for one panel; an error here never blanks the rest of the page. */
export function PanelState<T>({ query, label, children, isEmpty, empty }: PanelStateProps<T>) {
  if (query.isPending) {
    return (
      <p className="message message-loading" role="status">
        Bezig met laden van {label}…
      </p>
    );
  }
  if (query.isError) {
    const reason = query.error instanceof ApiError ? query.error.message : 'Onbekende fout.';
    // the same request gets the same refusal (4xx): trying again only helps after a network or server fault
    const retry = !(query.error instanceof ApiError) || query.error.status === 0 || query.error.status >= 500;
    return (
      <div className="message message-error" role="alert">
        <p>
          Kon {label} niet laden. {reason}
        </p>
        {retry && (
          <button type="button" className="button" onClick={() => void query.refetch()}>
            Opnieuw proberen
          </button>
        )}
      </div>
    );
  }
  if (isEmpty?.(query.data)) return <>{empty ?? <p className="message">Geen gegevens.</p>}</>;
  return <>{children(query.data)}</>;
}
