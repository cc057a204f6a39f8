import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDb, openDb } from '../db/client.ts';
import { loadCatalogueFile, shippedCataloguePaths } from '../fixtures/catalogue.ts';
import { findDvo } from '../server/core/dvo-access.ts';
import { normsAsOf } from '../server/core/norms/norms.ts';

// Migration 0005 (decision 0021) on a database that has figures from before it: every agreement gets
// version 1 from its catalogue entry, recorded no later than the first figure, and nothing is lost.

const dir = mkdtempSync(path.join(tmpdir(), 'dvo-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The committed migrations up to and including 0004, as a database made before this work has them. */
function migrationsBefore0005(): string {
  const folder = path.join(dir, 'migrations');
  cpSync(path.join(import.meta.dirname, '..', 'db', 'migrations'), folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 4);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

describe('migration 0005: norm versions', () => {
  it('gives every existing agreement version 1 from its catalogue entry without losing a figure', () => {
    const db = openDb(path.join(dir, 'old.db'));
    migrate(db, { migrationsFolder: migrationsBefore0005() });
    const catalogue = loadCatalogueFile(shippedCataloguePaths()[0] as string);
    const sqlite = db.$client;
    sqlite.exec(`insert into organisations (slug, name, type) values ('gemeente-deventer', 'Gemeente Deventer', 'gemeente'),
      ('konnected', 'KonnecteD', 'werkbedrijf');
      insert into dvos (slug, name, year, opdrachtgever_id, opdrachtnemer_id, chapters)
        values ('${catalogue.slug}', 'DVO', ${catalogue.year}, 1, 2, '${JSON.stringify(catalogue.chapters).replaceAll("'", "''")}');
      insert into users (username, password_hash, role, created_at) values ('beheerder', 'x', 'beheerder', '2024-01-01T00:00:00.000Z');
      insert into imports (dvo_id, user_id, source, recorded_at, row_count, created_count, changed_count, unchanged_count, warnings)
        values (1, 1, 'api', '2024-02-10T08:00:00.000Z', 1, 1, 0, 0, '[]');`);
    const insertIndicator = sqlite.prepare(
      'insert into indicators (dvo_id, code, sort_order, definition) values (1, ?, ?, ?)',
    );
    catalogue.indicators.forEach((indicator, i) => {
      insertIndicator.run(indicator.code, i, JSON.stringify(indicator));
    });
    const uitstroomId = (sqlite.prepare("select id from indicators where code = 'uitstroom'").get() as { id: number })
      .id;
    sqlite
      .prepare(
        `insert into figures (dvo_id, indicator_id, period, segment, value, recorded_at, user_id, import_id)
         values (1, ?, '2024-01', '', 31, '2024-02-10T08:00:00.000Z', 1, 1)`,
      )
      .run(uitstroomId);

    migrateDb(db);

    const versions = sqlite
      .prepare(
        `select i.code, v.version, v.norm, v.margin, v.source, v.provisional, v.effective_from, v.reason, v.recorded_by, v.recorded_at
           from norm_versions v join indicators i on i.id = v.indicator_id order by i.sort_order`,
      )
      .all() as {
      code: string;
      version: number;
      norm: string;
      margin: number | null;
      source: string;
      provisional: number;
      effective_from: string;
      reason: string;
      recorded_by: number | null;
      recorded_at: string;
    }[];
    expect(versions.map((v) => v.code)).toEqual(catalogue.indicators.map((i) => i.code));
    for (const [i, v] of versions.entries()) {
      const indicator = catalogue.indicators[i];
      expect(v).toMatchObject({ version: 1, effective_from: '2024-01', reason: 'Catalogus', recorded_by: null });
      expect(JSON.parse(v.norm)).toEqual(indicator?.norm);
      expect(JSON.parse(v.source)).toEqual(indicator?.source);
      expect(v.margin).toBe(indicator?.margin);
      expect(v.provisional).toBe(indicator?.source.placeholder ? 1 : 0);
      expect(v.recorded_at <= '2024-02-10T08:00:00.000Z').toBe(true);
    }
    // the two benchmark placeholders of domain.md are provisional, a DVO norm is not
    const provisional = (code: string) => versions.find((v) => v.code === code)?.provisional;
    expect(provisional('wsw_verzuim')).toBe(1);
    expect(provisional('wsw_werkladder_extern')).toBe(1);
    expect(provisional('uitstroom')).toBe(0);
    expect(sqlite.prepare('select count(*) as n from figures').get()).toEqual({ n: 1 });

    // and the lookup finds them, also as of a moment before the migration
    const dvo = findDvo(db, catalogue.slug);
    if (!dvo) throw new Error('no DVO');
    expect(normsAsOf(db, dvo, 3, '2024-03-01T00:00:00.000Z').get('wsw_verzuim')).toMatchObject({
      version: 1,
      provisional: true,
      norm: { value: 14.7 },
    });
    sqlite.close();
  });
});
