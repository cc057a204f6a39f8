import type { FigureHistory, Revision } from '../../../../../shared/contracts/figures.ts';
import type { StatusRow } from '../../../../../shared/contracts/status.ts';

// Builders for the chart-data tests: rows and figures shaped exactly as the API contracts say.

export function statusRow(overrides: Partial<StatusRow> & Pick<StatusRow, 'indicator' | 'status'>): StatusRow {
  return {
    segment: null,
    unit: 'aantal',
    kind: 'flow',
    actual: null,
    expected: null,
    norm: { kind: 'min', basis: 'annual', value: 400, source: 'DVO art. 7', placeholder: false },
    missingPeriods: [],
    ...overrides,
  };
}

export function revision(overrides: Partial<Revision> = {}): Revision {
  return {
    value: null,
    numerator: null,
    denominator: null,
    comment: null,
    recordedAt: '2024-07-01T10:00:00.000Z',
    supersededAt: null,
    recordedBy: 'konnected',
    importId: 1,
    source: 'csv',
    filename: 'juni.csv',
    ...overrides,
  };
}

export function figure(
  indicator: string,
  period: string,
  segment: string | null,
  ...revisions: Partial<Revision>[]
): FigureHistory {
  return { indicator, period, segment, revisions: revisions.map(revision) };
}
