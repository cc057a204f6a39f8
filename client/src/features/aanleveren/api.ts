import { type QueryClient, queryOptions } from '@tanstack/react-query';
import type { ImportList, ImportResult } from '../../../../shared/contracts/figures.ts';
import { ApiError, api, apiErrorFrom, getCsrfToken } from '../../lib/api-client.ts';

export { dvosQuery, figuresQuery, indicatorsQuery, locksQuery } from '../../lib/dvo-queries.ts';

const dvoPath = (dvo: string) => `/api/dvos/${encodeURIComponent(dvo)}`;

export { sessionQuery } from '../../lib/session-query.ts';

export const importsQuery = (dvo: string) =>
  queryOptions({
    queryKey: ['dvos', dvo, 'imports'],
    queryFn: ({ signal }) => api<ImportList>(`${dvoPath(dvo)}/imports`, { signal }),
    staleTime: 60_000,
  });

/** The pre-filled delivery template; a plain link, so the browser downloads it with the session cookie. */
export function templateUrl(dvo: string, month: string, format: 'csv' | 'xlsx'): string {
  return `${dvoPath(dvo)}/template?${new URLSearchParams({ period: month, format })}`;
}

/** After a delivery every figure-based answer of the DVO is stale; the catalogue is not. */
export function invalidateAfterDelivery(queryClient: QueryClient, dvo: string): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (q) => q.queryKey[0] === 'dvos' && q.queryKey[1] === dvo && q.queryKey[2] !== 'indicators',
  });
}

interface UploadOptions {
  dryRun: boolean;
  /** 0…1 of the bytes sent; the server's check comes after 1. */
  onProgress: (fraction: number) => void;
  signal?: AbortSignal;
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * `POST /imports` with the file as multipart field `file`. XMLHttpRequest rather than fetch, because
 * only it reports upload progress. Rejects with an ApiError carrying every problem (422/409/413/415),
 * or an AbortError when `signal` aborts.
 */
export function uploadDelivery(dvo: string, file: File, options: UploadOptions): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${dvoPath(dvo)}/imports${options.dryRun ? '?dryRun=true' : ''}`);
    xhr.setRequestHeader('accept', 'application/json');
    const token = getCsrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress(event.loaded / event.total);
    };
    xhr.upload.onload = () => options.onProgress(1);
    xhr.onload = () => {
      const json = readJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        // typed by its contract, as in api() (decision 0009); only an answer that is no JSON is refused
        if (json !== null) resolve(json as ImportResult);
        else reject(new ApiError(xhr.status, 'internal', 'Het antwoord van de server is niet te lezen.'));
        return;
      }
      reject(apiErrorFrom(xhr.status, json, `De server weigerde het bestand (HTTP ${xhr.status}).`));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'De server is niet bereikbaar. Probeer het opnieuw.'));
    xhr.onabort = () => reject(new DOMException('Het versturen is afgebroken.', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
