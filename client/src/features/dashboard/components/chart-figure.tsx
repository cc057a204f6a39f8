import { type ReactNode, Suspense, useEffect, useRef } from 'react';
import { PanelBoundary } from '../../../components/ui/panel-boundary.tsx';
import { useNearViewport } from '../../../lib/near-viewport.ts';
import { preloadCharts } from './charts/lazy.ts';

interface ChartFigureProps {
  title: string;
  /** One sentence that says what the chart shows, for everyone (and the screen reader). */
  summary?: ReactNode;
  chart: ReactNode;
  /** The same data as a table: the text alternative of the chart (WCAG 1.1.1). */
  table: ReactNode;
  tableLabel?: string;
  /** Open the table from the start (where the numbers matter as much as the picture). */
  open?: boolean;
}

/**
 * A chart with its caption and its data as a table. The drawing is hidden from assistive
 * technology, which reads the summary and the table instead; a chart that fails to load leaves
 * the table in place. The drawing is made when it comes near the viewport (or the page is
 * printed), in a box of fixed height, so a screen with many charts does not draw them all at once
 * and nothing moves when one is drawn.
 */
export function ChartFigure({
  title,
  summary,
  chart,
  table,
  tableLabel = 'Tabel met de cijfers',
  open = false,
}: ChartFigureProps) {
  return (
    <figure className="chart-figure">
      <figcaption className="chart-title">{title}</figcaption>
      {summary && <p className="chart-summary">{summary}</p>}
      <PanelBoundary label="de grafiek">
        <DeferredChart chart={chart} />
      </PanelBoundary>
      <details className="chart-table" open={open}>
        <summary>{tableLabel}</summary>
        <div className="table-scroll">{table}</div>
      </details>
    </figure>
  );
}

const LOADING = <div className="chart-loading">Grafiek wordt geladen…</div>;
/** Far from the window nothing is loading yet: an empty box of the chart's size, no text. */
const WAITING = <div className="chart-waiting" />;

function DeferredChart({ chart }: { chart: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const near = useNearViewport(box);
  useEffect(preloadCharts, []);
  return (
    <div className="chart" aria-hidden="true" ref={box}>
      <Suspense fallback={LOADING}>{near ? chart : WAITING}</Suspense>
    </div>
  );
}
