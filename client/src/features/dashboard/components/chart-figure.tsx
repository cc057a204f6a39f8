import { type ReactNode, Suspense } from 'react';
import { PanelBoundary } from '../../../components/ui/panel-boundary.tsx';

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
 * the table in place.
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
        <div className="chart" aria-hidden="true">
          <Suspense fallback={<div className="chart-loading">Grafiek wordt geladen…</div>}>{chart}</Suspense>
        </div>
      </PanelBoundary>
      <details className="chart-table" open={open}>
        <summary>{tableLabel}</summary>
        <div className="table-scroll">{table}</div>
      </details>
    </figure>
  );
}
