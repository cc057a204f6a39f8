import { useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The URL's search parameters, where a change shows at once. React Router applies a navigation as a
 * transition, so a controlled checkbox bound to the URL would flip back until the new URL lands (on a
 * slow device long enough to see, and to make a click seem lost); the new parameters are shown until
 * the URL has moved. Changes replace the history entry: a filter is not a page of its own.
 */
export function useSearchParamsAtOnce(): [URLSearchParams, (next: URLSearchParams) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const [pending, setPending] = useState<{ from: string; next: URLSearchParams } | null>(null);
  const current = searchParams.toString();
  const shown = pending?.from === current ? pending.next : searchParams;
  const set = (next: URLSearchParams) => {
    setPending({ from: current, next });
    setSearchParams(next, { replace: true });
  };
  return [shown, set];
}
