import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './helpers/server-process.ts';

const root = path.join(import.meta.dirname, '..');
let dir: string;
let dbFile: string;

function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_PATH: dbFile, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dvo-cli-'));
  dbFile = path.join(dir, 'cli.db');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run cli', () => {
  it('migrates, twice without harm, and loads the catalogue with its organisations', () => {
    expect(cli(['migrate']).code).toBe(0);
    const again = cli(['migrate']);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/afspraken geladen/);
    const db = new Database(dbFile, { readonly: true });
    expect(db.prepare('select slug from organisations order by slug').all()).toEqual([
      { slug: 'gemeente-deventer' },
      { slug: 'konnected' },
    ]);
    db.close();
  });

  it('adds a user with the password from DVO_PASSWORD, and refuses bad input with exit 1 and one line', () => {
    const ok = cli(['users', 'add', 'teamleider', '--role', 'opdrachtnemer', '--org', 'konnected'], {
      DVO_PASSWORD: 'een-lang-wachtwoord',
    });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/teamleider/);
    const wrongOrg = cli(['users', 'add', 'x1', '--role', 'opdrachtnemer', '--org', 'gemeente-deventer'], {
      DVO_PASSWORD: 'een-lang-wachtwoord',
    });
    expect(wrongOrg.code).toBe(1);
    expect(wrongOrg.stderr.trim()).toBe(
      'Rol opdrachtnemer hoort bij een werkbedrijf; Gemeente Deventer is een gemeente.',
    );
    const badRole = cli(['users', 'add', 'x2', '--role', 'koning'], { DVO_PASSWORD: 'een-lang-wachtwoord' });
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/Onbekende rol 'koning'/);
    expect(cli(['onzin']).code).toBe(1);
  });

  it('adds a user with an e-mail address for reminders, and refuses one that is not an address', () => {
    const ok = cli(
      [
        'users',
        'add',
        'planner',
        '--role',
        'opdrachtnemer',
        '--org',
        'konnected',
        '--email',
        ' planner@konnected.test ',
      ],
      {
        DVO_PASSWORD: 'een-lang-wachtwoord',
      },
    );
    expect(ok.code).toBe(0);
    const db = new Database(dbFile, { readonly: true });
    expect(db.prepare(`select email from users where username = 'planner'`).get()).toEqual({
      email: 'planner@konnected.test',
    });
    db.close();
    const bad = cli(['users', 'add', 'x3', '--role', 'opdrachtnemer', '--org', 'konnected', '--email', 'geen-adres'], {
      DVO_PASSWORD: 'een-lang-wachtwoord',
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe("'geen-adres' is geen geldig e-mailadres.");
  });

  it('imports a file with the same rules as the API, listing every problem', () => {
    const good = cli([
      'import',
      'deventer-konnected-2024',
      'fixtures/imports/good/comma-utf8.csv',
      '--as',
      'teamleider',
    ]);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^Opgeslagen: \d+ nieuwe cijfers/);
    const again = cli(['import', 'deventer-konnected-2024', 'fixtures/imports/good/comma-utf8.csv']);
    expect(again.stdout).toMatch(/^Ongewijzigd/);
    const bad = cli(['import', 'deventer-konnected-2024', 'fixtures/imports/bad/unknown-indicator.csv']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/rij 2, kolom indicator: Onbekende indicator 'uitstrom'\. Bedoelt u 'uitstroom'\?/);
    const wrongType = cli(['import', 'deventer-konnected-2024', 'fixtures/imports/bad/binary-with-nul-bytes.csv']);
    expect(wrongType.code).toBe(1);
    expect(wrongType.stderr.trim()).toBe(
      'Het bestand is geen CSV of XLSX (het bevat binaire gegevens). Er is niets opgeslagen.',
    );
  });

  it('starts cleanly on a database prepared by the CLI, without creating another beheerder', async () => {
    // the import above was recorded under the disabled system account `cli`, which administers nothing
    expect(cli(['users', 'add', 'admin', '--role', 'beheerder'], { DVO_PASSWORD: 'een-lang-wachtwoord' }).code).toBe(0);
    const server = await startServer({ DEMO: '0' }, dbFile);
    try {
      expect(server.beheerderPassword).toBeNull();
      const health = await fetch(`${server.url}/api/health`);
      expect(await health.json()).toEqual({ status: 'ok' });
      const backup = path.join(dir, 'backup.db');
      expect(cli(['backup', backup]).code).toBe(0);
      const restore = cli(['restore', backup]);
      expect(restore.code).toBe(1);
      expect(restore.stderr.trim()).toMatch(/^De database is in gebruik: stop eerst de server/);
    } finally {
      await server.stop();
    }
  }, 240_000);
});
