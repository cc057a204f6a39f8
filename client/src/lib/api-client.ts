import type { ErrorCode, ErrorDetail, ErrorResponse } from '../../../shared/contracts/errors.ts';

/** Dutch text per API error code; the server's own message is used when it is more specific. */
const FALLBACK: Record<ErrorCode | 'network', string> = {
  bad_request: 'Het verzoek klopt niet.',
  period_outside_dvo_year: 'Deze periode valt buiten het jaar van de DVO.',
  unauthorized: 'U bent niet (meer) ingelogd.',
  forbidden: 'U heeft geen rechten voor deze handeling.',
  not_found: 'Niet gevonden.',
  locked: 'Deze periode is vastgesteld.',
  conflict: 'Dit kan niet in de huidige stand; laad de pagina opnieuw.',
  too_large: 'Het bestand is te groot.',
  unsupported_media_type: 'Dit bestandstype wordt niet ondersteund.',
  validation_failed: 'De gegevens bevatten fouten.',
  rate_limited: 'Te veel pogingen. Probeer het straks opnieuw.',
  internal: 'Er ging iets mis aan de kant van de server.',
  busy: 'De database is even bezet. Probeer het over een paar seconden opnieuw.',
  network: 'De server is niet bereikbaar.',
};

export type ApiErrorDetail = ErrorDetail;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

/** Remembered from the session response; sent back on every write (interface.md §4). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** For requests that cannot go through `api()`, such as an upload with progress (XMLHttpRequest). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Fetches `/api…` and turns every failure into an ApiError. The answer is typed by its contract in
 * shared/contracts and not parsed again here: the server already passes every answer through that
 * contract's zod schema (decision 0009), and checking it twice cost a quarter of the month screen's
 * main-thread time.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, signal: options.signal, credentials: 'same-origin' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', FALLBACK.network);
  }
  if (response.status === 204) return null as T;
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw apiErrorFrom(response.status, json);
  return json as T;
}

/** The ApiError of an error answer (`{ error: { code, message, details? } }`), whatever its shape. */
export function apiErrorFrom(status: number, json: unknown, fallback?: string): ApiError {
  const error = (json as Partial<ErrorResponse> | null)?.error;
  const code = error?.code && error.code in FALLBACK ? error.code : 'internal';
  return new ApiError(status, code, error?.message ?? fallback ?? FALLBACK[code], error?.details);
}
