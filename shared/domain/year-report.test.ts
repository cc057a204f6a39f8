import { describe, expect, it } from 'vitest';
import type { EvaluationResponse, EvaluationRow } from '../contracts/evaluation.ts';
import { buildYearReport } from './year-report.ts';

const months = (status: EvaluationRow['months'][number]['status']) =>
  Array.from({ length: 12 }, (_, i) => ({ month: i + 1, status }));

const row = (over: Partial<EvaluationRow> & Pick<EvaluationRow, 'indicator' | 'name' | 'kind'>): EvaluationRow => ({
  segment: null,
  chapter: 'Wsw',
  unit: 'aantal',
  norm: { kind: 'monitor', basis: 'none', source: 'DVO', placeholder: false },
  result: { final: true, value: null, status: 'monitor', missingPeriods: [], completedOn: null },
  months: months('monitor'),
  attentionMonths: 0,
  offTrackMonths: 0,
  threads: [],
  previous: null,
  ...over,
});

const answer = (rows: EvaluationRow[], previousDvo: EvaluationResponse['previousDvo'] = null): EvaluationResponse => ({
  dvo: 'dvo-2024',
  name: 'DVO 2024',
  year: 2024,
  asOf: null,
  final: true,
  throughMonth: 12,
  chapters: ['Wsw'],
  previousDvo,
  rows,
});

const lines = (a: EvaluationResponse) =>
  buildYearReport(a, '2025-02-01T00:00:00.000Z').chapters.flatMap((c) => c.lines);

describe('the Jaarevaluatie in words', () => {
  it('says which figures are missing instead of a dash', () => {
    const [verzuim, deelsuccessen] = lines(
      answer([
        row({
          indicator: 'wsw_verzuim',
          name: 'Verzuim',
          kind: 'ratio',
          unit: 'procent',
          norm: { kind: 'max', basis: 'period', value: 14.7, source: 'benchmark', placeholder: false },
          result: {
            final: true,
            value: null,
            status: 'no_data',
            missingPeriods: ['2024-11', '2024-12'],
            completedOn: null,
          },
          months: months('on_track'),
        }),
        row({
          indicator: 'deelsuccessen',
          name: 'Deelsuccessen',
          kind: 'flow',
          result: { final: true, value: null, status: 'monitor', missingPeriods: ['2024-12'], completedOn: null },
        }),
      ]),
    );
    expect(verzuim?.resultText).toBe('geen cijfer: november 2024 en december 2024 ontbreken (definitief)');
    expect(verzuim?.deviationText).toBe('Geen maand in afwijking of aandacht');
    expect(deelsuccessen?.statusLabel).toBe('alleen gevolgd');
    expect(deelsuccessen?.resultText).toBe('geen cijfer: december 2024 ontbreekt (definitief)');
    expect(deelsuccessen?.normText).toBe('geen, alleen gevolgd');
    expect(deelsuccessen?.deviationText).toBe('Alleen gevolgd, zonder norm');
    for (const l of [verzuim, deelsuccessen]) expect(l?.resultText).not.toMatch(/^–/);
  });

  it('tells what a milestone did and which quarter a qualitative agreement lacks', () => {
    const [late, missing] = lines(
      answer([
        row({
          indicator: 'mto',
          name: 'MTO uitgevoerd',
          kind: 'milestone',
          unit: null,
          norm: { kind: 'milestone', basis: 'deadline', deadline: '2024-03-31', source: 'DVO', placeholder: false },
          result: { final: true, value: null, status: 'off_track', missingPeriods: [], completedOn: '2024-04-15' },
          months: months('off_track'),
          offTrackMonths: 10,
        }),
        row({
          indicator: 'werkstap',
          name: 'Werkstap',
          kind: 'qualitative',
          unit: null,
          norm: { kind: 'qualitative', basis: 'none', source: 'DVO', placeholder: false },
          result: { final: true, value: null, status: 'no_data', missingPeriods: ['2024-Q4'], completedOn: null },
          months: months('attention'),
          attentionMonths: 6,
        }),
      ]),
    );
    expect(late?.resultText).toBe('te laat gereed, op 15 april 2024 (definitief)');
    expect(late?.deviationText).toBe('10 maanden in afwijking');
    expect(missing?.resultText).toBe('de kwartaalstatus van 4e kwartaal 2024 ontbreekt (definitief)');
    expect(missing?.deviationText).toBe('6 maanden in aandacht');
  });

  it('says once that there is no last year, and per agreement when last year’s DVO lacks it', () => {
    const alone = buildYearReport(answer([row({ indicator: 'a', name: 'A', kind: 'flow' })]), '2025-01-01');
    expect(alone.previousNote).toMatch(/geen DVO 2023/);
    const withLastYear = answer([row({ indicator: 'a', name: 'A', kind: 'flow' })], {
      slug: 'dvo-2023',
      name: 'DVO 2023',
      year: 2023,
    });
    expect(buildYearReport(withLastYear, '2025-01-01').previousNote).toBeNull();
    expect(lines(withLastYear)[0]?.previousText).toBe('geen afspraak in DVO 2023 (nieuw of niet gekoppeld)');
  });
});
