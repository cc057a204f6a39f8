import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../../../../shared/contracts/catalogue.ts';
import { countByStatus, differenceOf, groupByChapter, readMonthFilters, writeMonthFilters } from './month-overview.ts';
import { statusRow } from './test-rows.ts';

function indicator(code: string, chapter: string, kind: Indicator['kind'] = 'flow'): Indicator {
  return {
    code,
    article: '1',
    chapter,
    name: code,
    kind,
    frequency: 'M',
    unit: 'aantal',
    segments: [],
    normPerSegment: false,
    norm: { basis: 'none', kind: 'monitor' },
    margin: null,
    source: { type: 'dvo', reference: 'DVO', placeholder: false },
  };
}

const rows = [
  statusRow({ indicator: 'uitstroom', status: 'attention' }),
  statusRow({ indicator: 'zittend', status: 'on_track' }),
  statusRow({ indicator: 'zittend', segment: 'cohort_2022', status: 'off_track' }),
  statusRow({ indicator: 'verzuim', status: 'on_track', kind: 'ratio' }),
  statusRow({ indicator: 'werkstap', status: 'on_track', kind: 'qualitative' }),
  statusRow({ indicator: 'partners', status: 'qualitative', kind: 'qualitative' }),
  statusRow({ indicator: 'nug', status: 'monitor' }),
];
const indicators = [
  indicator('verzuim', 'Wsw'),
  indicator('werkstap', 'Wsw', 'qualitative'),
  indicator('uitstroom', 'Matchen en Groeien'),
  indicator('zittend', 'Groeien'),
  indicator('nug', 'Groeien'),
  indicator('partners', 'Dienstverlening', 'qualitative'),
];
const chapters = ['Wsw', 'Matchen en Groeien', 'Groeien', 'Dienstverlening', 'Leeg'];

describe('month overview', () => {
  it('counts agreements by their total row, statuses per judged row (segments with their own norm too), qualitative apart', () => {
    const counts = countByStatus(rows);
    expect(counts.total).toBe(6);
    expect(counts.judged).toBe(7);
    expect(counts.byStatus.on_track).toBe(3);
    // the cohort deviates on its own: counted, as the deviation list counts it
    expect(counts.byStatus.off_track).toBe(1);
    expect(counts.deviations).toEqual({
      total: 2,
      byStatus: { off_track: 1, attention: 1, no_data: 0 },
      agreements: 2,
    });
    expect(counts.byStatus.attention).toBe(1);
    expect(counts.byStatus.monitor).toBe(1);
    expect(counts.byStatus.qualitative).toBe(1);
    expect(counts.qualitative).toBe(2);
  });

  it('groups agreements in the DVO chapter order and skips empty chapters', () => {
    const groups = groupByChapter(chapters, indicators, rows);
    expect(groups.map((g) => g.chapter)).toEqual(['Wsw', 'Matchen en Groeien', 'Groeien', 'Dienstverlening']);
    expect(groups[0]?.agreements.map((a) => a.indicator.code)).toEqual(['verzuim', 'werkstap']);
    expect(groups[2]?.agreements[0]?.segments.map((s) => s.segment)).toEqual(['cohort_2022']);
  });

  it('keeps an agreement when a segment has the filtered status', () => {
    const groups = groupByChapter(chapters, indicators, rows, { statuses: ['off_track'], chapter: null });
    expect(groups.map((g) => g.agreements.map((a) => a.indicator.code))).toEqual([['zittend']]);
  });

  it('filters by kind of agreement', () => {
    const groups = groupByChapter(chapters, indicators, rows, { statuses: [], chapter: null, sort: 'kwalitatief' });
    expect(groups.flatMap((g) => g.agreements.map((a) => a.indicator.code))).toEqual(['werkstap', 'partners']);
  });

  it('filters by chapter', () => {
    const groups = groupByChapter(chapters, indicators, rows, { statuses: [], chapter: 'Groeien' });
    expect(groups.map((g) => g.chapter)).toEqual(['Groeien']);
  });

  it('reads and writes the filters in the URL, dropping unknown statuses', () => {
    const filters = readMonthFilters(
      new URLSearchParams('status=off_track&status=bogus&status=attention&hoofdstuk=Wsw'),
    );
    expect(filters).toEqual({
      statuses: ['attention', 'off_track'],
      chapter: 'Wsw',
      sort: null,
      programmabegroting: false,
    });
    expect(writeMonthFilters(filters, new URLSearchParams('x=1')).toString()).toBe(
      'x=1&status=attention&status=off_track&hoofdstuk=Wsw',
    );
    expect(writeMonthFilters({ statuses: [], chapter: null, sort: 'kwalitatief' }).toString()).toBe(
      'soort=kwalitatief',
    );
    expect(readMonthFilters(new URLSearchParams('soort=onzin')).sort).toBeNull();
  });

  it('keeps only the agreements marked for the programme budget when asked, in the URL as programmabegroting=1', () => {
    const marked = indicators.map((i) => (i.code === 'zittend' ? { ...i, programmabegroting: true } : i));
    const filters = readMonthFilters(new URLSearchParams('programmabegroting=1'));
    expect(filters.programmabegroting).toBe(true);
    const groups = groupByChapter(chapters, marked, rows, filters);
    expect(groups.flatMap((g) => g.agreements.map((a) => a.indicator.code))).toEqual(['zittend']);
    expect(writeMonthFilters(filters).toString()).toBe('programmabegroting=1');
    expect(groupByChapter(chapters, marked, rows, readMonthFilters(new URLSearchParams())).length).toBe(4);
  });

  it('gives the difference to the norm, and to the nearest bound of a range', () => {
    const norm = { kind: 'min' as const, basis: 'annual' as const, source: '', placeholder: false };
    expect(differenceOf({ actual: 180, expected: 200, norm })).toEqual({ value: -20, inside: false });
    expect(differenceOf({ actual: null, expected: 200, norm })).toBeNull();
    const range = {
      kind: 'range' as const,
      basis: 'period' as const,
      min: 72,
      max: 129,
      source: '',
      placeholder: false,
    };
    expect(differenceOf({ actual: 70, expected: 72, norm: range })).toEqual({ value: -2, inside: false });
    expect(differenceOf({ actual: 131, expected: 72, norm: range })).toEqual({ value: 2, inside: false });
    expect(differenceOf({ actual: 80, expected: 72, norm: range })).toEqual({ value: 0, inside: true });
  });
});
