import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Correction, DeviationRow, DeviationsResponse } from '../contracts/deviations.ts';
import {
  buildCorrectionLines,
  buildDeviationReport,
  buildReportRows,
  exportFileName,
  formatCsvNumber,
  neutraliseFormula,
  trendKey,
} from './deviation-report.ts';

const row = (over: Partial<DeviationRow> = {}): DeviationRow => ({
  indicator: 'uitstroom',
  segment: null,
  unit: 'aantal',
  kind: 'flow',
  status: 'attention',
  actual: 181,
  expected: 200,
  norm: { kind: 'min', basis: 'annual', value: 400, source: 'DVO art. 7', placeholder: false },
  missingPeriods: [],
  name: 'Uitstroom naar werk',
  chapter: 'Matchen en Groeien',
  article: '7',
  deviationId: 12,
  state: 'maatregel_afgesproken',
  toelichting: 'Minder vacatures in de zorg',
  maatregel: { text: 'Extra jobhunter', owner: 'teamleider Matchen', deadline: '2024-12-01' },
  firstPeriod: '2024-03',
  lastPeriod: '2024-06',
  ...over,
});

describe('cells that cannot start a formula', () => {
  it('puts an apostrophe before =, +, -, @, tab and carriage return, and leaves other text alone', () => {
    expect(neutraliseFormula('=SOM(A1:A9)')).toBe("'=SOM(A1:A9)");
    expect(neutraliseFormula('+31 570 123')).toBe("'+31 570 123");
    expect(neutraliseFormula('-5 minder')).toBe("'-5 minder");
    expect(neutraliseFormula('@werkgever')).toBe("'@werkgever");
    expect(neutraliseFormula('\t=1')).toBe("'\t=1");
    expect(neutraliseFormula('\r=1')).toBe("'\r=1");
    expect(neutraliseFormula('Minder = meer')).toBe('Minder = meer');
    expect(neutraliseFormula('')).toBe('');
  });

  it('never returns text that starts with a formula character', () => {
    fc.assert(fc.property(fc.string(), (s) => !/^[=+\-@\t\r]/.test(neutraliseFormula(s))));
  });
});

describe('numbers for Dutch Excel', () => {
  it('uses a decimal comma, rounds per unit for display and has no thousands separator', () => {
    expect(formatCsvNumber(85.71428571, 'procent')).toBe('85,7');
    expect(formatCsvNumber(183.3333, 'aantal')).toBe('183,3');
    expect(formatCsvNumber(47.666, 'fte')).toBe('47,67');
    expect(formatCsvNumber(982_500.4, 'euro')).toBe('982500');
    expect(formatCsvNumber(400, 'aantal')).toBe('400');
    expect(formatCsvNumber(null, 'aantal')).toBe('');
  });
});

describe('report rows', () => {
  it('turns a deviation row into Dutch cells', () => {
    expect(buildReportRows([row({ forecast: 362, forecastStatus: 'attention' })])[0]).toEqual({
      status: 'attention',
      statusLabel: 'Aandacht',
      name: 'Uitstroom naar werk',
      indicator: 'uitstroom',
      article: '7',
      chapter: 'Matchen en Groeien',
      segment: '',
      unit: 'aantal',
      actual: 181,
      expected: 200,
      actualText: '181',
      expectedText: '200',
      normText: 'minimaal 400 per jaar',
      missing: '',
      remark: '',
      state: 'maatregel afgesproken',
      since: 'maart 2024',
      sinceMonth: '2024-03-01',
      toelichting: 'Minder vacatures in de zorg',
      maatregel: 'Extra jobhunter',
      owner: 'teamleider Matchen',
      deadline: '2024-12-01',
      deadlineText: '1 december 2024',
      forecast: 362,
      forecastStatus: 'aandacht',
      forecastText: 'Prognose jaareinde 362: aandacht',
      trend: [],
      trendText: '',
    });
  });

  it('carries the course of the year so far, the last six months in one line', () => {
    const points = Array.from({ length: 12 }, (_, i) => ({
      month: i + 1,
      actual: i < 7 ? 30 * (i + 1) : null,
      expected: i < 7 ? 33 * (i + 1) : null,
      marginLow: null,
      marginHigh: null,
      status: i < 7 ? (i < 3 ? ('on_track' as const) : ('attention' as const)) : null,
    }));
    const [first] = buildReportRows([row()], new Map([[trendKey('uitstroom', null), points]]), 2024);
    expect(first?.trend).toHaveLength(7);
    expect(first?.trend[0]).toEqual({ month: '2024-01', actual: 30, status: 'on_track' });
    expect(first?.trendText).toBe(
      'feb 60 (op koers) · mrt 90 (op koers) · apr 120 (aandacht) · mei 150 (aandacht) · jun 180 (aandacht) · jul 210 (aandacht)',
    );
  });

  it('names the base of a relative norm by its agreement, never its code', () => {
    const [relative] = buildReportRows([
      row({
        norm: {
          kind: 'min',
          basis: 'relative',
          factor: 1 / 6,
          baseIndicator: 'groeien_zittend_omvang',
          baseName: 'Instroom Groeien per cohort',
          value: 12,
          source: 'DVO art. 14',
          placeholder: false,
        },
      }),
    ]);
    expect(relative?.normText).toBe('minimaal 12 per jaar (1/6 van “Instroom Groeien per cohort”)');
    expect(relative?.normText).not.toContain('groeien_zittend_omvang');
  });

  it('says what is missing, and how a milestone stands', () => {
    const [missing, milestone] = buildReportRows([
      row({ status: 'no_data', actual: null, missingPeriods: ['2024-Q2', '2024-06'], maatregel: null, state: 'open' }),
      row({
        kind: 'milestone',
        unit: null,
        status: 'off_track',
        actual: null,
        expected: null,
        completedOn: '2024-04-15',
        norm: {
          kind: 'milestone',
          basis: 'deadline',
          deadline: '2024-03-31',
          source: 'DVO art. 6',
          placeholder: false,
        },
      }),
    ]);
    expect(missing).toMatchObject({
      statusLabel: 'Geen gegevens',
      actualText: '–',
      missing: '2e kwartaal 2024, juni 2024',
    });
    expect(milestone).toMatchObject({ normText: 'gereed uiterlijk 31 maart 2024', remark: 'gereed op 15 april 2024' });
  });
});

describe('correction lines', () => {
  it('show old and new value, who, why and the effect on the year', () => {
    const correction: Correction = {
      indicator: 'lks_nieuw',
      name: 'Nieuwe LKS-ers naar werk',
      segment: null,
      period: '2024-03',
      unit: 'aantal',
      kind: 'flow',
      old: { value: 3, numerator: null, denominator: null },
      new: { value: 8, numerator: null, denominator: null },
      changedAt: '2024-10-15T09:10:00.000Z',
      changedBy: 'konnected',
      comment: 'nagekomen plaatsingen',
      lockedPeriod: '2024-Q1',
      lockedAt: '2024-05-01T10:00:00.000Z',
      unlockedAt: '2024-10-15T09:00:00.000Z',
      unlockedBy: 'gemeente',
      unlockReason: 'correctie LKS',
      yearToDate: { month: '2024-09', before: 24, after: 29, difference: 5 },
    };
    expect(buildCorrectionLines([correction])).toEqual([
      {
        subject: 'Nieuwe LKS-ers naar werk',
        period: 'maart 2024',
        oldText: '3',
        newText: '8',
        changedBy: 'konnected',
        changedAt: '15 oktober 2024 om 11:10',
        comment: 'nagekomen plaatsingen',
        reopened: '1e kwartaal 2024 heropend op 15 oktober 2024 om 11:00 door gemeente: correctie LKS',
        effect: 'jaar t/m september 2024: van 24 naar 29 (+5)',
      },
    ]);
  });
});

describe('the report and its file name', () => {
  const list: DeviationsResponse = {
    dvo: 'deventer-konnected-2024',
    dvoName: 'DVO 2024 gemeente Deventer – KonnecteD',
    period: '2024-Q2',
    evaluatedMonth: '2024-06',
    asOf: null,
    summary: { off_track: 0, attention: 1, no_data: 0 },
    rows: [row()],
    recovered: [],
    signals: [],
    corrections: [],
  };

  it('has a title, the facts and a summary by status', () => {
    const report = buildDeviationReport(list, '2024-10-15T09:00:00.000Z');
    expect(report.title).toBe('Afwijkingen 2e kwartaal 2024');
    expect(report.facts).toEqual([
      { label: 'DVO', value: 'DVO 2024 gemeente Deventer – KonnecteD' },
      { label: 'Periode', value: '2e kwartaal 2024 (stand eind juni 2024)' },
      { label: 'Stand van de gegevens', value: 'actueel (bij export)' },
      { label: 'Datum export', value: '15 oktober 2024 om 11:00' },
    ]);
    expect(report.summary.map((s) => [s.label, s.count])).toEqual([
      ['Afwijking', 0],
      ['Aandacht', 1],
      ['Geen gegevens', 0],
    ]);
    expect(report.items).toBeNull();
  });

  it('names files in Dutch, by DVO and period, or by meeting', () => {
    expect(exportFileName(list, 'csv')).toBe('afwijkingen-deventer-konnected-2024-2024-q2.csv');
    expect(exportFileName({ ...list, asOf: '2024-07-01T23:59:59.999Z' }, 'pdf')).toBe(
      'afwijkingen-deventer-konnected-2024-2024-q2-stand-2024-07-01.pdf',
    );
    expect(exportFileName({ ...list, meeting: { type: 'bestuurlijk_overleg', date: '2024-11-04' } }, 'docx')).toBe(
      'bestuurlijk-overleg-2024-11-04-afwijkingen-deventer-konnected-2024.docx',
    );
  });
});
