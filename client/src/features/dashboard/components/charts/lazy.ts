import { type ComponentType, createElement, use } from 'react';
import type BarsChartType from './bars-chart.tsx';
import type NormPathChartType from './norm-path-chart.tsx';
import type ReferenceChartType from './reference-chart.tsx';

type Module<P> = { default: ComponentType<P> };

/**
 * A chart loaded on first use that can also be loaded ahead (`preloadCharts`). Unlike React.lazy,
 * a chart whose module is in reads it synchronously (React's `use` on a settled promise), so a
 * chart drawn at the last moment before printing shows its drawing, not the loading text.
 */
function preloadable<P extends object>(load: () => Promise<Module<P>>) {
  let promise: Promise<Module<P>> | undefined;
  const preload = (): Promise<Module<P>> => {
    if (!promise) {
      const started = load().then((module) => {
        // how React's `use` knows a promise is settled without waiting a tick
        Object.assign(started, { status: 'fulfilled', value: module });
        return module;
      });
      promise = started;
    }
    return promise;
  };
  function Chart(props: P) {
    return createElement(use(preload()).default, props);
  }
  return { Chart, preload };
}

// recharts is large: each chart module is its own chunk, loaded only when a screen shows a chart, so
// the month screen (which draws its sparklines itself) never loads it.
const normPath = preloadable(() => import('./norm-path-chart.tsx'));
const bars = preloadable(() => import('./bars-chart.tsx'));
const reference = preloadable(() => import('./reference-chart.tsx'));

export const NormPathChart: typeof NormPathChartType = normPath.Chart;
export const BarsChart: typeof BarsChartType = bars.Chart;
export const ReferenceChart: typeof ReferenceChartType = reference.Chart;

/** Loads every chart module, so charts drawn later (scrolled to, printed) need no network. */
export function preloadCharts(): void {
  for (const chart of [normPath, bars, reference]) void chart.preload().catch(() => undefined);
}
