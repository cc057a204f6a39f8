import { useQuery } from '@tanstack/react-query';
import { figuresQuery } from '../../lib/figures-query.ts';

// The kwartaal and indicator screens only (loaded when opened), so not in dashboard/api.ts.

/** Figures with their revisions; `indicator` omitted means every indicator in the range. */
export function useFigures(dvo: string, filter: { indicator?: string; from: string; to: string }) {
  return useQuery(figuresQuery(dvo, filter));
}
