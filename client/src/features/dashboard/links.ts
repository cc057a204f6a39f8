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

/** A deviation's thread, reached from a screen about `period` (`YYYY-MM` or `YYYY-Qn`): the way back goes there. */
export function threadLinkPath(dvo: string, id: number, period: string): string {
  return `${threadPath(dvo, id)}?${new URLSearchParams({ periode: period })}`;
}

/** The key a status row and its deviation thread share. */
export function threadKey(row: { indicator: string; segment: string | null }): string {
  return `${row.indicator}|${row.segment ?? ''}`;
}
