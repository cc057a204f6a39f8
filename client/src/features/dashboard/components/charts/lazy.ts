import { lazy } from 'react';

// recharts is large: each chart module is its own chunk, loaded only when a chart is shown, so the
// month screen (which draws its sparklines itself) never loads it.
export const NormPathChart = lazy(() => import('./norm-path-chart.tsx'));
export const BarsChart = lazy(() => import('./bars-chart.tsx'));
export const ReferenceChart = lazy(() => import('./reference-chart.tsx'));
