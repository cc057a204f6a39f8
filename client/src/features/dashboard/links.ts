/** The indicator detail at an evaluation month, optionally pointing at one segment. */
export function detailPath(dvo: string, indicator: string, month: string, segment?: string | null): string {
  const params = new URLSearchParams({ period: month });
  if (segment) params.set('segment', segment);
  return `/dvo/${encodeURIComponent(dvo)}/indicator/${encodeURIComponent(indicator)}?${params}`;
}

/** A deviation's thread: toelichting, maatregel, state and history. */
export function threadPath(dvo: string, id: number): string {
  return `/dvo/${encodeURIComponent(dvo)}/afwijkingen/${id}`;
}
