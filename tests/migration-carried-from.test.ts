import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDb, openDb } from '../db/client.ts';

// Migration 0008 (decision 0025) on a database of the version before it, with deviation threads,
// events, a meeting and its items: every row stays as it was, nobody's copy, and the new columns
// and the one-copy-per-origin rule work.

const dir = mkdtempSync(path.join(tmpdir(), 'dvo-migration-0008-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The committed migrations up to and including 0007, as a database of the previous version has them. */
function migrationsBefore0008(): string {
  const folder = path.join(dir, 'migrations');
  cpSync(path.join(import.meta.dirname, '..', 'db', 'migrations'), folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 7);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

const dump = (db: ReturnType<typeof openDb>, table: string) =>
  db.$client.prepare(`select * from ${table} order by id`).all() as Record<string, unknown>[];

describe('migration 0008: carried_from_id', () => {
  it('keeps every thread, event and meeting item of an existing database, none of them a copy', () => {
    const db = openDb(path.join(dir, 'old.db'));
    migrate(db, { migrationsFolder: migrationsBefore0008() });
    db.$client.exec(`insert into organisations (slug, name, type) values ('gemeente-deventer', 'Gemeente Deventer', 'gemeente'),
        ('konnected', 'KonnecteD', 'werkbedrijf');
      insert into dvos (slug, name, year, opdrachtgever_id, opdrachtnemer_id, chapters)
        values ('dvo-2024', 'DVO 2024', 2024, 1, 2, '[]');
      insert into users (username, password_hash, role, created_at) values ('beheerder', 'x', 'beheerder', '2024-01-01T00:00:00.000Z');
      insert into indicators (dvo_id, code, sort_order, definition) values (1, 'uitstroom', 0, '{"code":"uitstroom"}');
      insert into deviations (dvo_id, indicator_id, segment, state, toelichting, maatregel_text, maatregel_owner,
          maatregel_deadline, first_period, last_period, created_at, updated_at)
        values (1, 1, '', 'toegelicht', 'Minder vacatures', 'Extra accountmanager', 'gemeente', '2025-03-01',
          '2024-09', '2024-10', '2024-10-15T09:00:00.000Z', '2024-10-16T09:00:00.000Z');
      insert into deviation_events (deviation_id, at, user_id, type, from_state, to_state, note, toelichting,
          first_period, last_period)
        values (1, '2024-10-15T09:00:00.000Z', null, 'geopend', null, 'open', 'Gesignaleerd', null, '2024-09', '2024-10');
      insert into meetings (dvo_id, type, date, period, title, attendees, as_of, created_at, created_by)
        values (1, 'kwartaaloverleg', '2024-10-15', '2024-Q3', null, '[]', '2024-10-15T09:00:00.000Z', '2024-10-15T09:00:00.000Z', 1);
      insert into meeting_items (dvo_id, meeting_id, kind, text, owner, deadline, state, deviation_id, created_at, created_by)
        values (1, 1, 'actiepunt', 'Werkgeversdag', 'konnected', '2024-12-01', 'open', 1, '2024-10-15T09:00:00.000Z', 1);`);
    const before = {
      deviations: dump(db, 'deviations'),
      events: dump(db, 'deviation_events'),
      items: dump(db, 'meeting_items'),
    };

    migrateDb(db);
    migrateDb(db); // idempotent, as at every start

    expect(dump(db, 'deviations')).toEqual(before.deviations.map((r) => ({ ...r, carried_from_id: null })));
    expect(dump(db, 'meeting_items')).toEqual(before.items.map((r) => ({ ...r, carried_from_id: null })));
    expect(dump(db, 'deviation_events')).toEqual(before.events);

    // a copy in another DVO points at its origin; a second copy of the same origin there is refused
    db.$client.exec(`insert into dvos (slug, name, year, opdrachtgever_id, opdrachtnemer_id, chapters, state)
        values ('dvo-2025', 'DVO 2025', 2025, 1, 2, '[]', 'draft');
      insert into indicators (dvo_id, code, sort_order, definition) values (2, 'uitstroom', 0, '{"code":"uitstroom"}');`);
    const copy =
      db.$client.prepare(`insert into meeting_items (dvo_id, meeting_id, kind, text, state, created_at, created_by, carried_from_id)
        values (2, 1, 'actiepunt', 'Werkgeversdag', 'open', '2025-01-01T00:00:00.000Z', 1, 1)`);
    copy.run();
    expect(() => copy.run()).toThrow(/UNIQUE/);
    const thread =
      db.$client.prepare(`insert into deviations (dvo_id, indicator_id, segment, state, first_period, last_period,
        created_at, updated_at, carried_from_id) values (2, 2, '', 'afgesloten', '2024-09', '2024-10', 'x', 'x', 1)`);
    thread.run();
    expect(() => thread.run()).toThrow(/UNIQUE/);
    db.$client.close();
  });
});
