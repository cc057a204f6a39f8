import type { FigureHistory, Revision } from '../../../../shared/contracts/figures.ts';

/** One figure an import stored: its revision and the one it replaced (null: a new figure). */
export interface FigureChange {
  indicator: string;
  period: string;
  segment: string | null;
  revision: Revision;
  previous: Revision | null;
}

/**
 * The figures each import changed, by import id, in the order the server lists figures (catalogue,
 * then period). A revision's previous value is the next older revision of the same figure (revisions
 * come newest first).
 */
export function changesByImport(figures: readonly FigureHistory[]): Map<number, FigureChange[]> {
  const byImport = new Map<number, FigureChange[]>();
  for (const figure of figures) {
    figure.revisions.forEach((revision, i) => {
      const change: FigureChange = {
        indicator: figure.indicator,
        period: figure.period,
        segment: figure.segment,
        revision,
        previous: figure.revisions[i + 1] ?? null,
      };
      const list = byImport.get(revision.importId);
      if (list) list.push(change);
      else byImport.set(revision.importId, [change]);
    });
  }
  return byImport;
}
