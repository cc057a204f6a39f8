import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Frequency, type Indicator, IndicatorSchema, type Unit } from '../contracts/catalogue.ts';
import type { FigureValue } from '../contracts/figures.ts';
import {
  createFigureValidator,
  type FigureRowInput,
  MAX_LISTED_ERRORS,
  PLAUSIBLE_MAX,
  PLAUSIBLE_RATIO_PART_MAX,
  type RawFigure,
  type ValidateFiguresInput,
  validateFigures,
  WERKLADDER,
} from './validate-figures.ts';

// A few rows of the Deventer catalogue (domain.md), enough for every rule; norms do not matter here.
function indicator(
  code: string,
  kind: Indicator['kind'],
  frequency: Frequency,
  unit: Unit | null,
  segments: string[] = [],
): Indicator {
  const norm =
    kind === 'qualitative'
      ? { basis: 'none', kind: 'qualitative' }
      : kind === 'milestone'
        ? { basis: 'deadline', kind: 'milestone', deadline: '2024-03-31' }
        : { basis: 'none', kind: 'monitor' };
  return IndicatorSchema.parse({
    code,
    article: '1',
    chapter: 'Test',
    name: code,
    kind,
    frequency,
    unit,
    segments,
    aggregate: kind === 'ratio' ? 'sum' : undefined,
    norm,
    margin: null,
    source: { type: 'dvo', reference: 'DVO 2024' },
  });
}

const STEPS = ['intern', 'groepsdetachering', 'individuele_detachering', 'begeleid_werken'];
const INDICATORS: Indicator[] = [
  indicator('uitstroom', 'flow', 'M', 'aantal', ['matchen', 'groeien']),
  indicator('wsw_verzuim', 'ratio', 'M', 'procent'),
  indicator('beschut_dienstverbanden', 'stock', 'M', 'aantal'),
  indicator('lks_behoud', 'stock', 'Q', 'aantal'),
  indicator('klanttevredenheid', 'score', 'Y', 'cijfer'),
  indicator('clientkosten_besteed', 'flow', 'M', 'euro'),
  indicator('werkleerroute_instroom', 'flow', 'M', 'aantal', ['horeca', 'techniek']),
  indicator(WERKLADDER.distribution, 'stock', 'Q', 'aantal', STEPS),
  indicator(WERKLADDER.movements, 'flow', 'Q', 'aantal'),
  indicator('kwal_werkstap_methodiek', 'qualitative', 'Q', null),
  indicator('mijlpaal_pva_format', 'milestone', 'Y', null),
];

const COLUMNS = {
  indicator: 'indicator',
  period: 'periode',
  segment: 'segment',
  value: 'waarde',
  numerator: 'teller',
  denominator: 'noemer',
  comment: 'toelichting',
};

/** Rows as a Dutch `;` file delivers them: row 2 onwards, Dutch column names. */
function fileRows(...figures: RawFigure[]): FigureRowInput[] {
  return figures.map((figure, i) => ({ row: i + 2, columns: COLUMNS, figure }));
}

function validate(rows: FigureRowInput[], overrides: Partial<ValidateFiguresInput> = {}) {
  return validateFigures({
    dvoYear: 2024,
    indicators: INDICATORS,
    rows,
    lockedPeriods: [],
    today: '2024-06-15',
    existing: [],
    delimiter: ';',
    ...overrides,
  });
}

/** The errors of a single row, without codes: what the user reads. */
function errorsOf(figure: RawFigure, overrides: Partial<ValidateFiguresInput> = {}) {
  return validate(fileRows(figure), overrides).errors.map(({ code, ...rest }) => rest);
}

const uitstroom = (value: string, extra: RawFigure = {}): RawFigure => ({
  indicator: 'uitstroom',
  period: '2024-03',
  segment: 'matchen',
  value,
  ...extra,
});

describe('validateFigures: accepting', () => {
  it('normalises a valid delivery: canonical periods, lower-case codes, Dutch numbers, trimmed comment', () => {
    const result = validate(
      fileRows(
        { indicator: ' Uitstroom ', period: 'mrt-24', segment: 'Matchen', value: '1.002', comment: ' goed\r\nverder ' },
        { indicator: 'wsw_verzuim', period: '1-3-2024', numerator: '1.012,5', denominator: '7.340' },
        { indicator: 'klanttevredenheid', period: 2024, value: '7,4' },
        { indicator: 'lks_behoud', period: 'Q1 2024', value: 262 },
        { indicator: 'beschut_dienstverbanden', period: new Date(Date.UTC(2024, 3, 30)), value: 75 },
        { indicator: 'clientkosten_besteed', period: '2024-04', value: '€ 81.234,56' },
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.figures).toEqual([
      {
        indicator: 'uitstroom',
        period: '2024-03',
        segment: 'matchen',
        value: 1002,
        numerator: null,
        denominator: null,
        comment: 'goed\nverder',
        row: 2,
      },
      {
        indicator: 'wsw_verzuim',
        period: '2024-03',
        segment: null,
        value: null,
        numerator: 1012.5,
        denominator: 7340,
        comment: null,
        row: 3,
      },
      {
        indicator: 'klanttevredenheid',
        period: '2024',
        segment: null,
        value: 7.4,
        numerator: null,
        denominator: null,
        comment: null,
        row: 4,
      },
      {
        indicator: 'lks_behoud',
        period: '2024-Q1',
        segment: null,
        value: 262,
        numerator: null,
        denominator: null,
        comment: null,
        row: 5,
      },
      {
        indicator: 'beschut_dienstverbanden',
        period: '2024-04',
        segment: null,
        value: 75,
        numerator: null,
        denominator: null,
        comment: null,
        row: 6,
      },
      {
        indicator: 'clientkosten_besteed',
        period: '2024-04',
        segment: null,
        value: 81234.56,
        numerator: null,
        denominator: null,
        comment: null,
        row: 7,
      },
    ]);
  });

  it('reads text numbers with a decimal point in a ,-separated file', () => {
    const result = validate(fileRows({ indicator: 'klanttevredenheid', period: '2024', value: '7.4' }), {
      delimiter: ',',
    });
    expect(result.errors).toEqual([]);
    expect(result.figures[0]?.value).toBe(7.4);
  });

  it('accepts figures from the JSON API: no row numbers, field names as columns', () => {
    const result = validateFigures({
      dvoYear: 2024,
      indicators: INDICATORS,
      rows: [{ figure: { indicator: 'uitstroom', period: '2024-03', segment: null, value: 12 } }],
      lockedPeriods: [],
      today: '2024-06-15',
      existing: [],
    });
    expect(result.errors).toEqual([]);
    expect(result.figures).toEqual([
      {
        indicator: 'uitstroom',
        period: '2024-03',
        segment: null,
        value: 12,
        numerator: null,
        denominator: null,
        comment: null,
      },
    ]);
  });

  it('accepts a period in the current month, which has started', () => {
    expect(errorsOf(uitstroom('5', { period: '2024-06' }))).toEqual([]);
  });

  it('accepts a werkladder movement between two steps', () => {
    expect(
      errorsOf({ indicator: WERKLADDER.movements, period: '2024-Q1', segment: 'intern>begeleid_werken', value: '3' }),
    ).toEqual([]);
  });

  it('allows fractions for euros, fte and ratio parts, only counts must be whole', () => {
    expect(errorsOf({ indicator: 'clientkosten_besteed', period: '2024-03', value: '12,5' })).toEqual([]);
    expect(errorsOf({ indicator: 'wsw_verzuim', period: '2024-03', numerator: '10,5', denominator: '100' })).toEqual(
      [],
    );
  });
});

describe('validateFigures: errors', () => {
  it('names an unknown indicator and suggests the closest code', () => {
    expect(errorsOf(uitstroom('20', { indicator: 'uitstrom' }))).toEqual([
      { row: 2, column: 'indicator', message: "Onbekende indicator 'uitstrom'. Bedoelt u 'uitstroom'?" },
    ]);
    expect(errorsOf(uitstroom('20', { indicator: 'omzet' }))).toEqual([
      { row: 2, column: 'indicator', message: "Onbekende indicator 'omzet'" },
    ]);
  });

  it('requires an indicator', () => {
    expect(errorsOf(uitstroom('20', { indicator: '  ' }))).toEqual([
      { row: 2, column: 'indicator', message: 'Indicator ontbreekt' },
    ]);
  });

  it('still reports a wrong number or period on a row whose indicator is unknown', () => {
    expect(errorsOf({ indicator: 'uitstrom', period: '2023-03', value: 'twintig' })).toEqual([
      { row: 2, column: 'indicator', message: "Onbekende indicator 'uitstrom'. Bedoelt u 'uitstroom'?" },
      { row: 2, column: 'periode', message: 'Periode 2023-03 valt buiten het DVO-jaar 2024' },
      { row: 2, column: 'waarde', message: "Waarde 'twintig' is geen getal" },
    ]);
  });

  it('refuses figures for qualitative agreements and milestones', () => {
    expect(errorsOf({ indicator: 'kwal_werkstap_methodiek', period: '2024-Q1', value: '1' })).toEqual([
      {
        row: 2,
        column: 'indicator',
        message: 'kwal_werkstap_methodiek is een kwalitatieve afspraak en wordt niet als cijfer geleverd',
      },
    ]);
    expect(errorsOf({ indicator: 'mijlpaal_pva_format', period: '2024', value: '1' })).toEqual([
      { row: 2, column: 'indicator', message: 'mijlpaal_pva_format is een mijlpaal en wordt niet als cijfer geleverd' },
    ]);
  });

  it('names an unknown segment, suggests the closest one and lists the valid ones', () => {
    expect(errorsOf(uitstroom('20', { segment: 'matchn' }))).toEqual([
      {
        row: 2,
        column: 'segment',
        message:
          "Onbekend segment 'matchn' voor uitstroom. Bedoelt u 'matchen'? Geldige segmenten: matchen, groeien; leeg voor het totaal.",
      },
    ]);
    expect(errorsOf(uitstroom('20', { segment: 'jongeren' }))).toEqual([
      {
        row: 2,
        column: 'segment',
        message:
          "Onbekend segment 'jongeren' voor uitstroom. Geldige segmenten: matchen, groeien; leeg voor het totaal.",
      },
    ]);
    expect(errorsOf(uitstroom('20', { segment: 'totaal' }))).toEqual([
      {
        row: 2,
        column: 'segment',
        message: "Onbekend segment 'totaal' voor uitstroom; laat segment leeg voor het totaal",
      },
    ]);
    expect(
      errorsOf({ indicator: WERKLADDER.movements, period: '2024-Q1', segment: 'intern>begeleid_werkn', value: '3' }),
    ).toEqual([
      {
        row: 2,
        column: 'segment',
        message: expect.stringMatching(
          new RegExp(
            `^Onbekend segment 'intern>begeleid_werkn' voor ${WERKLADDER.movements}\\. Bedoelt u 'intern>begeleid_werken'\\? Geldige segmenten: intern>groepsdetachering, .*; leeg voor het totaal\\.$`,
          ),
        ),
      },
    ]);
  });

  it('refuses a segment on an indicator that has none', () => {
    expect(errorsOf({ indicator: 'lks_behoud', period: '2024-Q1', segment: 'matchen', value: '260' })).toEqual([
      { row: 2, column: 'segment', message: 'lks_behoud heeft geen segmenten; laat segment leeg' },
    ]);
  });

  it('requires a readable period', () => {
    expect(errorsOf(uitstroom('20', { period: '' }))).toEqual([
      { row: 2, column: 'periode', message: 'Periode ontbreekt' },
    ]);
    expect(errorsOf(uitstroom('20', { period: 'begin maart' }))).toEqual([
      {
        row: 2,
        column: 'periode',
        message: "Periode 'begin maart' is niet herkend (gebruik JJJJ-MM, JJJJ-Qn of JJJJ)",
      },
    ]);
  });

  it.each([
    ['uitstroom', '2024-Q1', 'uitstroom wordt per maand geleverd (JJJJ-MM), niet per kwartaal'],
    ['uitstroom', '2024', 'uitstroom wordt per maand geleverd (JJJJ-MM), niet per jaar'],
    ['lks_behoud', '2024-03', 'lks_behoud wordt per kwartaal geleverd (JJJJ-Qn), niet per maand'],
    ['klanttevredenheid', '2024-Q2', 'klanttevredenheid wordt per jaar geleverd (JJJJ), niet per kwartaal'],
  ])('refuses %s for period %s: the type must match the frequency', (code, period, message) => {
    const segment = code === 'uitstroom' ? 'matchen' : null;
    expect(errorsOf({ indicator: code, period, segment, value: '7' })).toEqual([
      { row: 2, column: 'periode', message },
    ]);
  });

  it('refuses periods outside the DVO year and in the future', () => {
    expect(errorsOf(uitstroom('20', { period: '2023-12' }))).toEqual([
      { row: 2, column: 'periode', message: 'Periode 2023-12 valt buiten het DVO-jaar 2024' },
    ]);
    expect(errorsOf(uitstroom('20', { period: '2025-01' }))).toEqual([
      { row: 2, column: 'periode', message: 'Periode 2025-01 valt buiten het DVO-jaar 2024' },
    ]);
    expect(errorsOf(uitstroom('20', { period: '2024-07' }))).toEqual([
      { row: 2, column: 'periode', message: 'Periode 2024-07 ligt in de toekomst' },
    ]);
    expect(errorsOf({ indicator: 'lks_behoud', period: '2024-Q3', value: '260' })).toEqual([
      { row: 2, column: 'periode', message: 'Periode 2024-Q3 ligt in de toekomst' },
    ]);
  });

  it('refuses a locked period, and every period within a locked one, with code locked', () => {
    const locked = (period: string, lockedPeriods: string[], figure: RawFigure = uitstroom('20', { period })) =>
      validate(fileRows(figure), { lockedPeriods }).errors;
    expect(locked('2024-03', ['2024-03'])).toEqual([
      {
        code: 'locked',
        row: 2,
        column: 'periode',
        message:
          'Periode 2024-03 is vastgesteld. Rij 2 valt erin en kan daarom niet worden opgeslagen. Alleen de opdrachtgever of een beheerder kan deze periode heropenen.',
      },
    ]);
    expect(locked('2024-03', ['2024-Q1'])).toEqual([
      {
        code: 'locked',
        row: 2,
        column: 'periode',
        message:
          'Periode 2024-Q1 is vastgesteld. Rij 2 valt erin en kan daarom niet worden opgeslagen. Alleen de opdrachtgever of een beheerder kan deze periode heropenen.',
      },
    ]);
    expect(locked('2024-Q2', ['2024'], { indicator: 'lks_behoud', period: '2024-Q2', value: '260' })).toHaveLength(1);
    expect(locked('2024-04', ['2024-Q1'])).toEqual([]);
    expect(locked('2024', ['2024-Q1'], { indicator: 'klanttevredenheid', period: '2024', value: '7' })).toEqual([]);
  });

  it('reports a locked period once, however many rows of the file lie in it', () => {
    const rows = fileRows(
      uitstroom('20', { period: '2024-01' }),
      uitstroom('21', { period: '2024-02', segment: 'matchen' }),
      uitstroom('x', { period: '2024-03' }),
      uitstroom('22', { period: '2024-04' }),
      uitstroom('23', { period: '2024-03', segment: 'groeien' }),
    );
    const result = validate(rows, { lockedPeriods: ['2024-Q1'] });
    expect(result.errors.map(({ code, ...rest }) => rest)).toEqual([
      {
        row: 2,
        column: 'periode',
        message:
          'Periode 2024-Q1 is vastgesteld. 4 rijen vallen erin (rij 2 tot en met 6) en kunnen daarom niet worden opgeslagen. Alleen de opdrachtgever of een beheerder kan deze periode heropenen.',
      },
      { row: 4, column: 'waarde', message: "Waarde 'x' is geen getal" },
    ]);
    expect(result.errorCount).toBe(2);
  });

  it('explains a number that cannot be read', () => {
    expect(errorsOf(uitstroom('twintig'))).toEqual([
      { row: 2, column: 'waarde', message: "Waarde 'twintig' is geen getal" },
    ]);
    expect(errorsOf({ indicator: 'klanttevredenheid', period: '2024', value: '7.5' })).toEqual([
      {
        row: 2,
        column: 'waarde',
        message: "Waarde '7.5' is geen getal (in een bestand met puntkomma’s is de komma het decimaalteken)",
      },
    ]);
    expect(errorsOf({ indicator: 'klanttevredenheid', period: '2024', value: '7,5' }, { delimiter: ',' })).toEqual([
      {
        row: 2,
        column: 'waarde',
        message: "Waarde '7,5' is geen getal (in een bestand met komma’s of tabs is de punt het decimaalteken)",
      },
    ]);
    expect(errorsOf(uitstroom('x', { value: new Date(Date.UTC(2024, 0, 5)) }))).toEqual([
      { row: 2, column: 'waarde', message: "Waarde '2024-01-05' is geen getal" },
    ]);
    expect(errorsOf(uitstroom('x', { value: Number.NaN }))).toEqual([
      { row: 2, column: 'waarde', message: 'Waarde is geen getal' },
    ]);
  });

  it('refuses negative numbers', () => {
    expect(errorsOf(uitstroom('-3'))).toEqual([
      { row: 2, column: 'waarde', message: 'Waarde mag niet negatief zijn (-3)' },
    ]);
    expect(errorsOf({ indicator: 'wsw_verzuim', period: '2024-03', numerator: '-1', denominator: '10' })).toEqual([
      { row: 2, column: 'teller', message: 'Teller mag niet negatief zijn (-1)' },
    ]);
  });

  it('refuses fractional counts', () => {
    expect(errorsOf(uitstroom('12,5'))).toEqual([
      { row: 2, column: 'waarde', message: 'Waarde moet een geheel aantal zijn (12,5)' },
    ]);
    expect(errorsOf({ indicator: 'beschut_dienstverbanden', period: '2024-03', value: 74.5 })).toEqual([
      { row: 2, column: 'waarde', message: 'Waarde moet een geheel aantal zijn (74,5)' },
    ]);
  });

  it('refuses a numerator above the denominator and a denominator of 0', () => {
    expect(errorsOf({ indicator: 'wsw_verzuim', period: '2024-03', numerator: '3.100', denominator: '2.980' })).toEqual(
      [{ row: 2, column: 'teller', message: 'Teller (3.100) is groter dan noemer (2.980)' }],
    );
    expect(errorsOf({ indicator: 'wsw_verzuim', period: '2024-03', numerator: '0', denominator: '0' })).toEqual([
      { row: 2, column: 'noemer', message: 'Noemer is 0; de noemer moet groter dan 0 zijn' },
    ]);
  });

  it('refuses a value on a ratio and a numerator or denominator on anything else', () => {
    expect(
      errorsOf({ indicator: 'wsw_verzuim', period: '2024-03', value: '13,8', numerator: '400', denominator: '2900' }),
    ).toEqual([{ row: 2, column: 'waarde', message: 'wsw_verzuim is een ratio: lever teller en noemer, geen waarde' }]);
    expect(
      errorsOf({
        indicator: 'beschut_dienstverbanden',
        period: '2024-03',
        value: '74',
        numerator: '74',
        denominator: '80',
      }),
    ).toEqual([
      { row: 2, column: 'teller', message: 'beschut_dienstverbanden is geen ratio: lever een waarde, geen teller' },
      { row: 2, column: 'noemer', message: 'beschut_dienstverbanden is geen ratio: lever een waarde, geen noemer' },
    ]);
  });

  it('requires the numbers each kind needs once a row says something', () => {
    expect(errorsOf({ ...uitstroom(''), comment: 'nog niet bekend' })).toEqual([
      { row: 2, column: 'waarde', message: 'Waarde ontbreekt' },
    ]);
    expect(errorsOf({ indicator: 'wsw_verzuim', period: '2024-03', comment: 'volgt' })).toEqual([
      { row: 2, column: 'teller', message: 'Teller ontbreekt' },
      { row: 2, column: 'noemer', message: 'Noemer ontbreekt' },
    ]);
  });

  it('skips a template row left empty instead of refusing the file', () => {
    const result = validate([
      { row: 2, figure: { indicator: 'wsw_verzuim', period: '2024-03', numerator: '', denominator: '' } },
      { row: 3, figure: uitstroom('5') },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.skipped).toBe(1);
    expect(result.figures.map((f) => f.row)).toEqual([3]);
  });

  it('keeps a cijfer between 1 and 10', () => {
    expect(errorsOf({ indicator: 'klanttevredenheid', period: '2024', value: '74' })).toEqual([
      { row: 2, column: 'waarde', message: 'Een cijfer ligt tussen 1 en 10 (74)' },
    ]);
  });

  it('limits the toelichting to 4000 characters', () => {
    expect(errorsOf(uitstroom('20', { comment: 'x'.repeat(4001) }))).toEqual([
      { row: 2, column: 'toelichting', message: 'Toelichting is langer dan 4000 tekens' },
    ]);
  });

  it('names both rows of a figure delivered twice, however its period and segment are written', () => {
    const result = validate(
      fileRows(
        uitstroom('20'),
        uitstroom('10', { segment: 'groeien' }),
        uitstroom('21', { period: 'mrt-24', segment: 'MATCHEN' }),
      ),
    );
    expect(result.errors).toEqual([
      {
        code: 'duplicate',
        row: 4,
        message: 'uitstroom 2024-03 (matchen) staat twee keer in het bestand: rij 2 en rij 4',
      },
    ]);
  });

  it('takes a single measurement (frequency once) only for its due period, and says which', () => {
    const mto = IndicatorSchema.parse({
      code: 'wsw_mto_tevreden',
      article: '6',
      chapter: 'Test',
      name: 'MTO',
      kind: 'ratio',
      frequency: 'once',
      duePeriod: '2024-Q1',
      unit: 'procent',
      aggregate: 'last',
      norm: { basis: 'none', kind: 'monitor' },
      margin: null,
      source: { type: 'dvo', reference: 'DVO art. 6' },
    });
    const deliver = (period: string) =>
      validate(fileRows({ indicator: 'wsw_mto_tevreden', period, numerator: '171', denominator: '206' }), {
        indicators: [...INDICATORS, mto],
      });
    expect(deliver('2024-Q1').errors).toEqual([]);
    expect(deliver('2024-Q1').figures).toHaveLength(1);
    for (const period of ['2024', '2024-Q2', '2024-03']) {
      const { errors } = deliver(period);
      expect(errors.map((e) => e.code)).toEqual(['wrong_period_type']);
      expect(errors[0]?.message).toMatch(/wordt één keer gemeten, over 2024-Q1; lever het als periode 2024-Q1/);
    }
  });

  it('collects every problem of a row and of the file instead of stopping at the first', () => {
    const result = validate(
      fileRows(
        { indicator: 'wsw_verzuim', period: '2024-Q1', segment: 'x', value: '3', numerator: 'veel', denominator: '0' },
        uitstroom('-1', { period: '2024-09' }),
      ),
    );
    expect(result.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'unknown_segment'],
      [2, 'wrong_period_type'],
      [2, 'value_on_ratio'],
      [2, 'not_a_number'],
      [2, 'zero_denominator'],
      [3, 'future_period'],
      [3, 'negative'],
    ]);
    expect(result.figures).toEqual([]);
  });

  it('uses the column names as written in the file, and Dutch names for columns it lacks', () => {
    const rows: FigureRowInput[] = [
      { row: 7, columns: { indicator: 'Indicator', period: 'Period', value: 'Value' }, figure: uitstroom('x') },
      {
        row: 8,
        columns: { indicator: 'Indicator', period: 'Period' },
        figure: { indicator: 'wsw_verzuim', period: '2024-03', numerator: '', comment: 'volgt' },
      },
    ];
    expect(validate(rows).errors.map(({ row, column }) => [row, column])).toEqual([
      [7, 'Value'],
      [8, 'teller'],
      [8, 'noemer'],
    ]);
  });

  it('returns only the rows without errors as figures (property)', () => {
    const cell = fc.constantFrom('20', '-1', 'x', '12,5', '');
    const period = fc.constantFrom('2024-03', '2024-04', 'mrt-24', '2024-Q1', '2024-09', 'x');
    const segment = fc.constantFrom('matchen', 'groeien', 'matchn', '');
    fc.assert(
      fc.property(fc.array(fc.record({ value: cell, period, segment }), { maxLength: 12 }), (figures) => {
        const rows = fileRows(...figures.map((f) => ({ indicator: 'uitstroom', ...f })));
        const result = validate(rows);
        const rowsWithErrors = new Set(result.errors.map((e) => e.row));
        expect(result.figures.every((f) => !rowsWithErrors.has(f.row as number))).toBe(true);
        const keys = result.figures.map((f) => `${f.period}/${f.segment}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(result.errors.every((e) => e.row !== undefined && e.message.length > 0)).toBe(true);
      }),
    );
  });
});

describe('validateFigures: warnings', () => {
  const stored = (period: string, value: number, segment: string | null = 'matchen'): FigureValue => ({
    indicator: 'uitstroom',
    period,
    segment,
    value,
    numerator: null,
    denominator: null,
  });

  it('warns about a value more than 3× or under a third of the median of the same series', () => {
    const existing = [stored('2024-01', 20), stored('2024-02', 22)];
    const high = validate(fileRows(uitstroom('70', { period: '2024-04' }), uitstroom('19', { period: '2024-03' })), {
      existing,
    });
    expect(high.errors).toEqual([]);
    expect(high.warnings).toEqual([
      {
        code: 'outlier',
        row: 2,
        column: 'waarde',
        message: 'Waarde 70 is meer dan 3× de mediaan (20) van uitstroom (matchen) in de andere perioden',
      },
    ]);
    const low = validate(fileRows(uitstroom('6', { period: '2024-04' })), {
      existing: [...existing, stored('2024-03', 24)],
    });
    expect(low.warnings).toEqual([
      {
        code: 'outlier',
        row: 2,
        column: 'waarde',
        message: 'Waarde 6 is minder dan een derde van de mediaan (22) van uitstroom (matchen) in de andere perioden',
      },
    ]);
  });

  it('warns only about figures that are new or changed, not about one delivered again as it was', () => {
    const existing = [stored('2024-01', 20), stored('2024-02', 22), stored('2024-03', 19), stored('2024-04', 70)];
    // year-to-date delivery: April again unchanged → judged when it first came in, no new warning
    expect(validate(fileRows(uitstroom('70', { period: '2024-04' })), { existing }).warnings).toEqual([]);
    // April corrected to another outlier → a warning again
    expect(validate(fileRows(uitstroom('75', { period: '2024-04' })), { existing }).warnings).toHaveLength(1);
  });

  it('needs three other periods before judging, and ignores the stored figure the file replaces', () => {
    const existing = [stored('2024-01', 20), stored('2024-02', 22), stored('2024-04', 500)];
    expect(validate(fileRows(uitstroom('70', { period: '2024-04' })), { existing }).warnings).toEqual([]);
    expect(
      validate(fileRows(uitstroom('70', { period: '2024-04' })), { existing: existing.slice(0, 2) }).warnings,
    ).toEqual([]);
  });

  it('compares a ratio as a percentage', () => {
    const verzuim = (period: string, numerator: number): FigureValue => ({
      indicator: 'wsw_verzuim',
      period,
      segment: null,
      value: null,
      numerator,
      denominator: 1000,
    });
    const result = validate(
      fileRows({ indicator: 'wsw_verzuim', period: '2024-04', numerator: '500', denominator: '1.000' }),
      { existing: [verzuim('2024-01', 140), verzuim('2024-02', 150), verzuim('2024-03', 160)] },
    );
    expect(result.warnings).toEqual([
      {
        code: 'outlier',
        row: 2,
        column: 'teller',
        message: 'Percentage 50% is meer dan 3× de mediaan (15%) van wsw_verzuim in de andere perioden',
      },
    ]);
  });

  it('warns when a total differs from the sum of all its segments, in the file merged with stored figures', () => {
    const result = validate(fileRows(uitstroom('30', { segment: '' })), {
      existing: [stored('2024-03', 20, 'matchen'), stored('2024-03', 12, 'groeien')],
    });
    expect(result.warnings).toEqual([
      {
        code: 'segments_sum',
        row: 2,
        column: 'waarde',
        message: 'Totaal uitstroom 2024-03 (30) wijkt af van de som van de segmenten (32)',
      },
    ]);
    const corrected = validate(fileRows(uitstroom('30', { segment: '' }), uitstroom('10', { segment: 'groeien' })), {
      existing: [stored('2024-03', 20, 'matchen'), stored('2024-03', 12, 'groeien')],
    });
    expect(corrected.warnings).toEqual([]);
  });

  it('with only some segments delivered, warns only when they add up to more than the total', () => {
    expect(validate(fileRows(uitstroom('30', { segment: '' }), uitstroom('20'))).warnings).toEqual([]);
    expect(validate(fileRows(uitstroom('30', { segment: '' }), uitstroom('31'))).warnings).toMatchObject([
      { code: 'segments_sum', row: 2 },
    ]);
  });

  it('leaves stored figures alone when the file does not touch them', () => {
    const existing = [stored('2024-03', 30, null), stored('2024-03', 20, 'matchen'), stored('2024-03', 12, 'groeien')];
    expect(validate(fileRows(uitstroom('5', { period: '2024-04' })), { existing }).warnings).toEqual([]);
  });

  describe('werkladder', () => {
    const stock = (period: string, segment: string, value: number): FigureValue => ({
      indicator: WERKLADDER.distribution,
      period,
      segment,
      value,
      numerator: null,
      denominator: null,
    });
    const q1 = [
      stock('2024-Q1', 'intern', 120),
      stock('2024-Q1', 'groepsdetachering', 40),
      stock('2024-Q1', 'individuele_detachering', 30),
      stock('2024-Q1', 'begeleid_werken', 10),
    ];
    const q2Rows = (intern: string) =>
      fileRows(
        { indicator: WERKLADDER.distribution, period: '2024-Q2', segment: 'intern', value: intern },
        { indicator: WERKLADDER.distribution, period: '2024-Q2', segment: 'groepsdetachering', value: '43' },
        { indicator: WERKLADDER.movements, period: '2024-Q2', segment: 'intern>groepsdetachering', value: '5' },
        { indicator: WERKLADDER.movements, period: '2024-Q2', segment: 'groepsdetachering>intern', value: '2' },
      );

    it('accepts a distribution that follows from the previous quarter and the movements', () => {
      expect(validate(q2Rows('117'), { existing: q1 }).warnings).toEqual([]);
    });

    it('warns, naming the step and the numbers, when it does not', () => {
      expect(validate(q2Rows('115'), { existing: q1 }).warnings).toEqual([
        {
          code: 'werkladder_balance',
          row: 2,
          column: 'waarde',
          message:
            'Werkladder intern 2024-Q2 sluit niet aan op de bewegingen: 120 (2024-Q1) + 2 in − 5 uit = 117, maar de verdeling geeft 115',
        },
      ]);
    });

    it('does not judge a quarter without movements or without a previous distribution', () => {
      const withoutMovements = fileRows({
        indicator: WERKLADDER.distribution,
        period: '2024-Q2',
        segment: 'intern',
        value: '100',
      });
      expect(validate(withoutMovements, { existing: q1 }).warnings).toEqual([]);
      expect(validate(q2Rows('115')).warnings).toEqual([]);
    });
  });
});

describe('createFigureValidator: a delivery row by row', () => {
  const context = {
    dvoYear: 2024,
    indicators: INDICATORS,
    lockedPeriods: [],
    today: '2024-06-15',
    delimiter: ';' as const,
  };

  it('holds one figure per key however many rows stream past, so memory follows the catalogue, not the file', () => {
    const validator = createFigureValidator(context);
    const months = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05'];
    const distinctKeys = months.length * 2;
    const rows = 200_000;
    let largest = 0;
    for (let i = 0; i < rows; i++) {
      const period = months[i % months.length] as string;
      const segment = i % 10 < 5 ? 'matchen' : 'groeien';
      // mostly template rows left empty, now and then a copy of a figure already delivered
      const figure: RawFigure =
        i < distinctKeys || i % 1000 === 0
          ? { indicator: 'uitstroom', period, segment, value: String(i % 40) }
          : { indicator: 'uitstroom', period, segment, value: '' };
      validator.add({ row: i + 2, columns: COLUMNS, figure });
      largest = Math.max(largest, validator.keyCount);
    }
    expect(largest).toBe(distinctKeys);
    const result = validator.finish([]);
    expect(result.figures).toHaveLength(distinctKeys);
    expect(result.figures.map((f) => f.row)).toEqual(Array.from({ length: distinctKeys }, (_, i) => i + 2));
    expect(result.errors).toHaveLength(rows / 1000 - 1);
    expect(result.errors.every((e) => e.code === 'duplicate')).toBe(true);
    expect(result.skipped).toBe(rows - distinctKeys - (rows / 1000 - 1));
  });

  it('gives what validateFigures gives for the same rows', () => {
    const rows = fileRows(
      uitstroom('20'),
      uitstroom('-1', { segment: 'groeien' }),
      uitstroom('21', { period: 'mrt-24', segment: 'MATCHEN' }),
      { indicator: 'wsw_verzuim', period: '2024-03', numerator: '', denominator: '' },
      { indicator: 'onbekend', period: '2024-03', value: '1' },
    );
    const validator = createFigureValidator(context);
    for (const row of rows) validator.add(row);
    expect(validator.finish([])).toEqual(validate(rows));
  });

  it('refuses a period locked after its rows were checked, once per lock, at the first row it holds', () => {
    const validator = createFigureValidator({ ...context, lockedPeriods: ['2024-01'] });
    const rows = fileRows(
      uitstroom('20', { period: '2024-01' }),
      uitstroom('20', { period: '2024-05' }),
      uitstroom('x', { period: '2024-02' }),
      uitstroom('10', { period: '2024-04' }),
      uitstroom('11', { period: '2024-03' }),
    );
    for (const row of rows) validator.add(row);
    const result = validator.finish([], ['2024-01', '2024-Q1', '2024-05']);
    const hint = 'Alleen de opdrachtgever of een beheerder kan deze periode heropenen.';
    expect(result.errors.map(({ code, ...rest }) => rest)).toEqual([
      {
        row: 2,
        column: 'periode',
        message: `Periode 2024-01 is vastgesteld. Rij 2 valt erin en kan daarom niet worden opgeslagen. ${hint}`,
      },
      {
        row: 3,
        column: 'periode',
        message: `Periode 2024-05 is vastgesteld. Rij 3 valt erin en kan daarom niet worden opgeslagen. ${hint}`,
      },
      { row: 4, column: 'waarde', message: "Waarde 'x' is geen getal" },
      {
        row: 4,
        column: 'periode',
        message: `Periode 2024-Q1 is vastgesteld. 2 rijen vallen erin (rij 4 tot en met 6) en kunnen daarom niet worden opgeslagen. ${hint}`,
      },
    ]);
    expect(result.errors.filter((e) => e.code === 'locked')).toHaveLength(3);
  });
});

describe('validateFigures: numbers are finite and plausible (decision 0012)', () => {
  it.each([
    [
      'a count over 10 million',
      { value: '10000001' },
      "Waarde '10000001' is groter dan kan voor een aantal (hoogstens 10.000.000)",
    ],
    [
      'a count of 309 digits',
      { value: '9'.repeat(309) },
      `Waarde '${'9'.repeat(30)}…' is groter dan kan voor een aantal (hoogstens 10.000.000)`,
    ],
    ['a typed 1e308', { value: 1e308 }, 'Waarde 1e+308 is groter dan kan voor een aantal (hoogstens 10.000.000)'],
  ])('refuses %s with a Dutch message at its row and column', (_name, extra, message) => {
    expect(errorsOf(uitstroom('1', extra))).toEqual([{ row: 2, column: 'waarde', message }]);
  });

  it('refuses a euro amount of 400 digits, which reads as Infinity', () => {
    const row = { indicator: 'clientkosten_besteed', period: '2024-03', value: '9'.repeat(400) };
    expect(errorsOf(row)[0]?.message).toMatch(
      /^Waarde '9{30}…' is groter dan kan voor een bedrag in euro \(hoogstens 10\.000\.000\.000\)$/,
    );
  });

  it('accepts the bound itself and refuses a numerator or denominator beyond the ratio bound', () => {
    expect(errorsOf(uitstroom('10.000.000'))).toEqual([]);
    const ratio = { indicator: 'wsw_verzuim', period: '2024-03', numerator: '1', denominator: '1e11' };
    expect(errorsOf({ ...ratio, denominator: String(PLAUSIBLE_RATIO_PART_MAX * 10) })[0]).toMatchObject({
      column: 'noemer',
      message: expect.stringMatching(/^Noemer .* is groter dan kan voor een getal/),
    });
  });

  it('keeps every accepted figure finite and within the bound of its unit (property)', () => {
    const huge = fc.oneof(
      fc.double({ noNaN: false }),
      fc.integer(),
      fc.constantFrom(Number.MAX_VALUE, Number.POSITIVE_INFINITY, 1e308, 1e16, 10_000_001, 100_001),
    );
    const cell = fc.oneof(huge, huge.map(String), fc.stringMatching(/^\d{1,400}$/));
    const row = fc.record({
      indicator: fc.constantFrom('uitstroom', 'wsw_verzuim', 'klanttevredenheid', 'clientkosten_besteed', 'lks_behoud'),
      period: fc.constantFrom('2024-03', '2024-Q1', '2024'),
      segment: fc.constantFrom('', 'matchen'),
      value: cell,
      numerator: fc.oneof(fc.constant(''), cell),
      denominator: fc.oneof(fc.constant(''), cell),
    });
    const units = new Map(INDICATORS.map((i) => [i.code, i]));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 10 }), (rows) => {
        for (const f of validate(fileRows(...rows), { delimiter: ',' }).figures) {
          const unit = units.get(f.indicator)?.unit;
          for (const n of [f.value, f.numerator, f.denominator]) {
            if (n === null) continue;
            expect(Number.isFinite(n)).toBe(true);
            expect(n).toBeGreaterThanOrEqual(0);
            expect(n).toBeLessThanOrEqual(PLAUSIBLE_RATIO_PART_MAX);
          }
          if (f.value !== null && unit && unit !== 'cijfer') expect(f.value).toBeLessThanOrEqual(PLAUSIBLE_MAX[unit]);
          if (f.value !== null && unit === 'cijfer') expect(f.value).toBeLessThanOrEqual(10);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('createFigureValidator: a file of nothing but errors', () => {
  it('lists the first 1,000 problems by row, counts all of them, and builds no message for the rest', () => {
    const validator = createFigureValidator({
      dvoYear: 2024,
      indicators: INDICATORS,
      lockedPeriods: [],
      today: '2024-06-15',
    });
    for (let row = 2; row < 50_002; row++)
      validator.add({ row, columns: COLUMNS, figure: { indicator: 'uitstrom', period: '2024-13', value: 'x' } });
    const result = validator.finish([]);
    expect(result.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(result.errorCount).toBe(150_000);
    expect(result.errors[0]).toMatchObject({
      row: 2,
      message: "Onbekende indicator 'uitstrom'. Bedoelt u 'uitstroom'?",
    });
    expect(result.errors.at(-1)?.row).toBeLessThan(400);
  });

  it('keeps no key of faulty rows outside the DVO year, whatever their number', () => {
    const validator = createFigureValidator({
      dvoYear: 2024,
      indicators: INDICATORS,
      lockedPeriods: [],
      today: '2024-06-15',
    });
    for (let year = 1000; year < 9000; year++)
      validator.add({
        row: year,
        figure: { indicator: 'uitstroom', period: `${year}-03`, segment: 'matchen', value: '1' },
      });
    // only 2024-03, the one valid row
    expect(validator.keyCount).toBe(1);
    expect(validator.finish([]).errorCount).toBe(7999);
  });
});
