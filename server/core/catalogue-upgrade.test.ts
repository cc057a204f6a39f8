import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../../db/client.ts';
import { firstReadingPath, loadCatalogueFile, shippedCataloguePaths } from '../../fixtures/catalogue.ts';
import type { DvoCatalogue } from '../../shared/contracts/catalogue.ts';
import { evaluateDvo } from '../../shared/domain/evaluate.ts';
import { prepareDatabase } from '../setup.ts';
import { CORRECTION_REASON } from './catalogue.ts';
import { findDvo, listIndicators } from './dvo-access.ts';
import { loadFigureHistory } from './figures/history.ts';
import { loadAssessments, loadFigures } from './figures/read.ts';
import { currentNorms, normHistory } from './norms/norms.ts';

const SLUG = 'deventer-konnected-2024';
const migrationsDir = path.join(import.meta.dirname, '..', '..', 'db', 'migrations');
const corrected = loadCatalogueFile(
  shippedCataloguePaths().find((f) => f.endsWith(`${SLUG}.json`)) as string,
) as DvoCatalogue;
const firstReading = loadCatalogueFile(firstReadingPath(SLUG) as string);

/** The migrations main had before this upgrade (0000–0004): the folder with the journal cut before 0005. */
function migrationsBeforeUpgrade(dir: string): string {
  const folder = path.join(dir, 'migrations-before');
  cpSync(migrationsDir, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  // main's schema before the norm versions (0005) and the retired agreements (0006)
  const cut = journal.entries.findIndex((e) => e.tag.startsWith('0005'));
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

/**
 * A database as main's code left it: its schema, the first-reading catalogue stored the way its
 * loader stored it, figures with revisions (a corrected figure keeps its superseded row). Written
 * with plain SQL, because today's schema module knows columns this database does not have yet.
 */
function buildOldDatabase(db: Db, folder: string): void {
  migrate(db, { migrationsFolder: folder });
  const sqlite = db.$client;
  const org = sqlite.prepare('insert into organisations (slug, name, type) values (?, ?, ?)');
  const gemeente = org.run(firstReading.opdrachtgever.slug, firstReading.opdrachtgever.name, 'gemeente');
  const bedrijf = org.run(firstReading.opdrachtnemer.slug, firstReading.opdrachtnemer.name, 'werkbedrijf');
  const dvo = sqlite
    .prepare(
      'insert into dvos (slug, name, year, opdrachtgever_id, opdrachtnemer_id, chapters) values (?, ?, ?, ?, ?, ?)',
    )
    .run(
      SLUG,
      firstReading.name,
      firstReading.year,
      gemeente.lastInsertRowid,
      bedrijf.lastInsertRowid,
      JSON.stringify(firstReading.chapters),
    );
  const dvoId = Number(dvo.lastInsertRowid);
  const ids = new Map<string, number>();
  firstReading.indicators.forEach((indicator, i) => {
    const row = sqlite
      .prepare('insert into indicators (dvo_id, code, sort_order, definition) values (?, ?, ?, ?)')
      .run(dvoId, indicator.code, i, JSON.stringify(indicator));
    ids.set(indicator.code, Number(row.lastInsertRowid));
  });
  const user = sqlite
    .prepare("insert into users (username, password_hash, role, organisation_id, created_at) values (?, 'x', ?, ?, ?)")
    .run('konnected', 'opdrachtnemer', bedrijf.lastInsertRowid, '2024-01-01T00:00:00.000Z');
  const delivery = sqlite
    .prepare(
      `insert into imports (dvo_id, user_id, source, recorded_at, row_count, created_count, changed_count,
         unchanged_count, warnings) values (?, ?, 'api', ?, 0, 0, 0, 0, '[]')`,
    )
    .run(dvoId, user.lastInsertRowid, '2024-04-10T09:00:00.000Z');
  const figure = sqlite.prepare(
    `insert into figures (dvo_id, indicator_id, period, segment, value, numerator, denominator, comment,
       recorded_at, superseded_at, user_id, import_id) values (?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?)`,
  );
  const add = (
    code: string,
    period: string,
    segment: string,
    numbers: [number | null, number | null, number | null],
    recordedAt: string,
    supersededAt: string | null = null,
  ) =>
    figure.run(
      dvoId,
      ids.get(code),
      period,
      segment,
      ...numbers,
      recordedAt,
      supersededAt,
      user.lastInsertRowid,
      delivery.lastInsertRowid,
    );
  // art. 34 as the first reading had it: a quarterly ratio, corrected once
  add(
    'clientkosten_ontwikkeling',
    '2024-Q1',
    '',
    [null, 200_000, 240_000],
    '2024-04-10T09:00:00.000Z',
    '2024-04-12T09:00:00.000Z',
  );
  add('clientkosten_ontwikkeling', '2024-Q1', '', [null, 210_000, 240_000], '2024-04-12T09:00:00.000Z');
  // art. 14: the cohort sizes delivered as a yearly stock
  add('groeien_zittend_omvang', '2024', 'cohort_2021', [120, null, null], '2024-04-10T09:00:00.000Z');
  add('groeien_zittend_omvang', '2024', 'cohort_2022', [95, null, null], '2024-04-10T09:00:00.000Z');
  add('formatie_fte', '2024-Q1', '', [38.9, null, null], '2024-04-10T09:00:00.000Z');
  add('wsw_mto_tevreden', '2024', '', [null, 170, 200], '2024-04-10T09:00:00.000Z');
  add('uitstroom', '2024-01', 'matchen', [20, null, null], '2024-02-10T09:00:00.000Z');
  add('uitstroom', '2024-01', 'groeien', [9, null, null], '2024-02-10T09:00:00.000Z', '2024-02-11T09:00:00.000Z');
  add('uitstroom', '2024-01', 'groeien', [11, null, null], '2024-02-11T09:00:00.000Z');
}

function allFigureRows(db: Db): unknown[] {
  return db.$client.prepare('select * from figures order by id').all();
}

function definitionsByCode(db: Db, dvoId: number) {
  return new Map(listIndicators(db, dvoId).map((i) => [i.definition.code, i.definition]));
}

const quiet = { info: () => undefined };

describe('upgrading a database made from the first reading of the catalogue', () => {
  let dir: string;
  let db: Db;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dvo-upgrade-'));
    db = openDb(path.join(dir, 'old.db'));
    buildOldDatabase(db, migrationsBeforeUpgrade(dir));
  });

  afterEach(() => {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every figure and every revision, byte for byte', () => {
    const before = allFigureRows(db);
    expect(before).toHaveLength(9);
    prepareDatabase(db, quiet);
    expect(allFigureRows(db)).toEqual(before);
  });

  it('gives every agreement its corrected definition, in the corrected order', () => {
    prepareDatabase(db, quiet);
    const dvo = findDvo(db, SLUG);
    const stored = listIndicators(db, dvo!.id).map((i) => i.definition);
    expect(stored.map((i) => i.code)).toEqual(corrected.indicators.map((i) => i.code));
    expect(stored).toEqual(corrected.indicators);
    const byCode = definitionsByCode(db, dvo!.id);
    expect(byCode.get('formatie_fte')?.norm).toEqual({ basis: 'period', kind: 'max', value: 37.53 });
    expect(byCode.get('clientkosten_ontwikkeling')).toMatchObject({ kind: 'flow', frequency: 'M', unit: 'euro' });
    expect(byCode.get('wsw_mto_tevreden')).toMatchObject({ frequency: 'once', duePeriod: '2024-Q1' });
    expect(byCode.get('groeien_oud_kosten')?.norm.basis).toBe('budget');
    expect(byCode.get('uitstroom')?.programmabegroting).toBe(true);
    // the norm versions (decision 0021) judge with the corrected norm
    expect(currentNorms(db, dvo!).get('formatie_fte')?.norm).toEqual({ basis: 'period', kind: 'max', value: 37.53 });
    // ... as a new version: the first reading stays version 1, so an as-of view before the upgrade keeps its verdicts
    const history = normHistory(db, dvo!, 'formatie_fte');
    expect(history.map((v) => [v.version, v.reason, v.norm])).toEqual([
      [2, CORRECTION_REASON, { basis: 'period', kind: 'max', value: 37.53 }],
      [1, 'Catalogus', { basis: 'period', kind: 'max', value: 47.67 }],
    ]);
    for (const added of [
      'kwal_statushouders_traject_12mnd',
      'mijlpaal_evaluatie_samenwerking',
      'groeien_oud_faciliteren',
    ])
      expect(byCode.has(added), added).toBe(true);
  });

  it('retires the delivered cohort sizes of art. 14, keeping their figures in the history', () => {
    prepareDatabase(db, quiet);
    const dvo = findDvo(db, SLUG)!;
    expect(definitionsByCode(db, dvo.id).has('groeien_zittend_omvang')).toBe(false);
    const retired = db.$client
      .prepare("select retired_at, retired_reason from indicators where code = 'groeien_zittend_omvang'")
      .get() as { retired_at: string | null; retired_reason: string | null };
    expect(retired.retired_at).not.toBeNull();
    expect(retired.retired_reason).toBe(CORRECTION_REASON);
    const history = loadFigureHistory(db, dvo.id, { indicator: 'groeien_zittend_omvang' });
    expect(history.map((h) => [h.segment, h.revisions[0]?.value])).toEqual([
      ['cohort_2021', 120],
      ['cohort_2022', 95],
    ]);
    const kosten = loadFigureHistory(db, dvo.id, { indicator: 'clientkosten_ontwikkeling' });
    expect(kosten[0]?.revisions.map((r) => r.numerator)).toEqual([210_000, 200_000]);
  });

  it('evaluates the old figures by the corrected reading: kept, but no longer counted where the kind changed', () => {
    prepareDatabase(db, quiet);
    const dvo = findDvo(db, SLUG)!;
    const rows = evaluateDvo({
      year: 2024,
      month: 3,
      indicators: listIndicators(db, dvo.id).map((i) => i.definition),
      figures: loadFigures(db, dvo.id, null),
      assessments: loadAssessments(db, dvo.id, null),
    });
    const row = (code: string) => rows.find((r) => r.indicator === code && r.segment === null);
    // a monthly flow in euro now: the quarter's ratio is not a month's euros
    expect(row('clientkosten_ontwikkeling')).toMatchObject({
      status: 'no_data',
      missingPeriods: ['2024-01', '2024-02', '2024-03'],
    });
    // the MTO is due after Q1; the yearly figure of the first reading is not a Q1 measurement
    expect(row('wsw_mto_tevreden')).toMatchObject({ status: 'no_data', missingPeriods: ['2024-Q1'] });
    expect(row('formatie_fte')).toMatchObject({ status: 'attention', actual: 38.9, expected: 37.53 });
    expect(rows.some((r) => r.indicator === 'groeien_zittend_omvang')).toBe(false);
  });

  it('runs once: a second start changes nothing, and an agreement edited after the first load is left alone', () => {
    const edited = firstReading.indicators.find((i) => i.code === 'clientkosten_besteed')!;
    db.$client
      .prepare("update indicators set definition = ? where code = 'clientkosten_besteed'")
      .run(JSON.stringify({ ...edited, norm: { ...edited.norm, value: 990_000 } }));
    prepareDatabase(db, quiet);
    const dvo = findDvo(db, SLUG)!;
    const snapshot = { version: dvo.dataVersion, definitions: listIndicators(db, dvo.id) };
    expect(definitionsByCode(db, dvo.id).get('clientkosten_besteed')?.norm).toMatchObject({ value: 990_000 });
    prepareDatabase(db, quiet);
    expect(findDvo(db, SLUG)!.dataVersion).toBe(snapshot.version);
    expect(listIndicators(db, dvo.id)).toEqual(snapshot.definitions);
  });

  it('leaves a database created from the corrected catalogue as it is', () => {
    const fresh = openDb(path.join(dir, 'fresh.db'));
    try {
      prepareDatabase(fresh, quiet);
      const dvo = findDvo(fresh, SLUG)!;
      expect(listIndicators(fresh, dvo.id).map((i) => i.definition)).toEqual(corrected.indicators);
      const version = dvo.dataVersion;
      prepareDatabase(fresh, quiet);
      expect(findDvo(fresh, SLUG)!.dataVersion).toBe(version);
    } finally {
      fresh.$client.close();
    }
  });
});
