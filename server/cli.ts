import { parseArgs } from 'node:util';
import { BATCH_BUSY_TIMEOUT_MS, isBusyError, openDb } from '../db/client.ts';
import { readConfig } from './config.ts';
import { backupDatabase, restoreDatabase } from './core/backup.ts';
import { createUser, isRole, ROLES } from './core/users/repository.ts';
import { resetPassword, updateUser } from './core/users/service.ts';
import { createApiToken } from './core/users/tokens.ts';
import { AppError } from './errors.ts';
import { importFromCli } from './features/imports/cli.ts';
import { addProvider, listProviders, parseRule, setProviderDisabled } from './features/sso/providers.ts';
import { redirectUri } from './features/sso/service.ts';
import { prepareDatabase } from './setup.ts';

const USAGE = `Gebruik: npm run cli -- <opdracht>
  migrate                                          database bijwerken en catalogus laden
  users add <gebruikersnaam> --role <rol> [--org <organisatie>] [--email <adres>]
                                                   wachtwoord uit DVO_PASSWORD, anders gevraagd
  users disable|enable <gebruikersnaam>            account uit- of weer inschakelen
  users role <gebruikersnaam> <rol> [--org <org>]  rol (en organisatie) wijzigen
  users reset-password <gebruikersnaam>            nieuw wachtwoord (DVO_PASSWORD, anders gegenereerd)
  tokens add <gebruikersnaam> [--label <naam>]     persoonlijk API-token, eenmalig getoond
  import <dvo> <bestand.csv|bestand.xlsx> [--dry-run] [--as <gebruikersnaam>]
                                                   cijfers aanleveren, zelfde regels als de API
  backup <bestand>                                 consistente kopie terwijl de server draait
  restore <bestand>                                back-up terugzetten (stop eerst de server)
  sso add <naam> --org <organisatie> --issuer <url> --client-id <id> --claim <claim>
          --map <claimwaarde>=<rol> [--map ...]     inloggen via OpenID Connect; secret uit DVO_SSO_SECRET
  sso list                                         providers met redirect-URI (zonder secret)
  sso disable|enable <naam>                        provider uit- of weer inschakelen
rollen: ${ROLES.join(', ')}`;

class UsageError extends Error {}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.DVO_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new UsageError('Geef het wachtwoord in DVO_PASSWORD (geen terminal om te vragen).');
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // hide what is typed
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  const write = output._writeToOutput.bind(rl);
  let prompting = true;
  output._writeToOutput = (s: string) => write(prompting ? '' : s);
  process.stdout.write('Wachtwoord: ');
  const answer = await rl.question('');
  prompting = false;
  rl.close();
  process.stdout.write('\n');
  return answer;
}

async function run(argv: string[]): Promise<void> {
  const [command, sub, ...rest] = argv;
  const config = readConfig();
  const db = openDb(config.databasePath, { busyTimeoutMs: BATCH_BUSY_TIMEOUT_MS });
  const log = { info: (m: string) => console.log(m) };
  try {
    if (command === 'migrate') {
      prepareDatabase(db, log);
      console.log(`Database bijgewerkt: ${config.databasePath}`);
      return;
    }
    if (command === 'users' && sub === 'add') {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { role: { type: 'string' }, org: { type: 'string' }, email: { type: 'string' } },
        allowPositionals: true,
      });
      const username = positionals[0];
      if (!username || !values.role)
        throw new UsageError('users add <gebruikersnaam> --role <rol> [--org <organisatie>] [--email <adres>]');
      if (!isRole(values.role)) throw new UsageError(`Onbekende rol '${values.role}'. Kies uit: ${ROLES.join(', ')}.`);
      prepareDatabase(db, { info: () => undefined });
      const password = await readPassword();
      await createUser(
        db,
        { username, password, role: values.role, organisation: values.org ?? null, email: values.email ?? null },
        new Date(),
      );
      console.log(`Gebruiker ${username} (${values.role}) aangemaakt.`);
      return;
    }
    if (command === 'users' && (sub === 'disable' || sub === 'enable')) {
      const username = rest[0];
      if (!username) throw new UsageError(`users ${sub} <gebruikersnaam>`);
      prepareDatabase(db, { info: () => undefined });
      updateUser(db, username, { disabled: sub === 'disable' }, null, new Date(), null);
      console.log(`Gebruiker ${username} ${sub === 'disable' ? 'uitgeschakeld' : 'ingeschakeld'}.`);
      return;
    }
    if (command === 'users' && sub === 'role') {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { org: { type: 'string' } },
        allowPositionals: true,
      });
      const [username, role] = positionals;
      if (!username || !role) throw new UsageError('users role <gebruikersnaam> <rol> [--org <organisatie>]');
      if (!isRole(role)) throw new UsageError(`Onbekende rol '${role}'. Kies uit: ${ROLES.join(', ')}.`);
      prepareDatabase(db, { info: () => undefined });
      updateUser(db, username, { role, ...(values.org ? { organisation: values.org } : {}) }, null, new Date(), null);
      console.log(`Gebruiker ${username} heeft nu rol ${role}.`);
      return;
    }
    if (command === 'users' && sub === 'reset-password') {
      const username = rest[0];
      if (!username) throw new UsageError('users reset-password <gebruikersnaam>');
      prepareDatabase(db, { info: () => undefined });
      const { password } = await resetPassword(
        db,
        username,
        process.env.DVO_PASSWORD || undefined,
        null,
        new Date(),
        null,
      );
      console.log(
        password
          ? `Nieuw wachtwoord voor ${username} (eenmalig): ${password}`
          : `Wachtwoord van ${username} gewijzigd.`,
      );
      return;
    }
    if (command === 'tokens' && sub === 'add') {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { label: { type: 'string' } },
        allowPositionals: true,
      });
      const username = positionals[0];
      if (!username) throw new UsageError('tokens add <gebruikersnaam> [--label <naam>]');
      prepareDatabase(db, { info: () => undefined });
      const { token } = createApiToken(db, { username, label: values.label ?? 'cli', byUserId: null }, new Date());
      console.log(token);
      return;
    }
    if (command === 'sso' && sub === 'add') {
      const { values, positionals } = parseArgs({
        args: rest,
        options: {
          org: { type: 'string' },
          issuer: { type: 'string' },
          'client-id': { type: 'string' },
          claim: { type: 'string' },
          map: { type: 'string', multiple: true },
        },
        allowPositionals: true,
      });
      const slug = positionals[0];
      const usage =
        'sso add <naam> --org <organisatie> --issuer <url> --client-id <id> --claim <claim> --map <waarde>=<rol>';
      if (!slug || !values.org || !values.issuer || !values['client-id'] || !values.claim) throw new UsageError(usage);
      const clientSecret = process.env.DVO_SSO_SECRET;
      if (!clientSecret) throw new UsageError('Geef het client-secret in DVO_SSO_SECRET (niet op de opdrachtregel).');
      const rules = (values.map ?? []).map(parseRule).map((r) => {
        if (!isRole(r.role)) throw new UsageError(`Onbekende rol '${r.role}'. Kies uit: ${ROLES.join(', ')}.`);
        return { value: r.value, role: r.role };
      });
      prepareDatabase(db, { info: () => undefined });
      addProvider(
        db,
        {
          slug,
          organisation: values.org,
          issuer: values.issuer,
          clientId: values['client-id'],
          clientSecret,
          roleClaim: values.claim,
          rules,
        },
        new Date(),
      );
      console.log(`Provider ${slug} toegevoegd. Registreer bij de provider als redirect-URI:`);
      console.log(`  ${redirectUri(config.appUrl, slug)}`);
      console.log(`en als post-logout-redirect-URI: ${config.appUrl}/`);
      return;
    }
    if (command === 'sso' && sub === 'list') {
      prepareDatabase(db, { info: () => undefined });
      for (const p of listProviders(db)) {
        const rules = p.rules.map((r) => `${r.value}=${r.role}`).join(', ');
        console.log(
          `${p.slug}${p.disabled ? ' (uitgeschakeld)' : ''}: ${p.organisationSlug}, issuer ${p.issuer}, client ${p.clientId}, claim ${p.roleClaim}: ${rules}`,
        );
        console.log(`  redirect-URI: ${redirectUri(config.appUrl, p.slug)}`);
      }
      return;
    }
    if (command === 'sso' && (sub === 'disable' || sub === 'enable')) {
      const slug = rest[0];
      if (!slug) throw new UsageError(`sso ${sub} <naam>`);
      prepareDatabase(db, { info: () => undefined });
      setProviderDisabled(db, slug, sub === 'disable', new Date());
      console.log(`Provider ${slug} ${sub === 'disable' ? 'uitgeschakeld' : 'ingeschakeld'}.`);
      return;
    }
    if (command === 'backup') {
      if (!sub) throw new UsageError('backup <bestand>');
      const { pages } = await backupDatabase(db, sub);
      console.log(`Back-up gemaakt: ${sub} (${pages} pagina's, integriteit gecontroleerd).`);
      return;
    }
    if (command === 'restore') {
      if (!sub) throw new UsageError('restore <bestand>');
      db.$client.close();
      const { pages } = await restoreDatabase(sub, config.databasePath);
      console.log(`Back-up teruggezet in ${config.databasePath} (${pages} pagina's).`);
      return;
    }
    if (command === 'import') {
      const { values, positionals } = parseArgs({
        args: [sub ?? '', ...rest].filter((a) => a !== ''),
        options: { 'dry-run': { type: 'boolean', default: false }, as: { type: 'string' } },
        allowPositionals: true,
      });
      const [slug, file] = positionals;
      if (!slug || !file)
        throw new UsageError('import <dvo> <bestand.csv|bestand.xlsx> [--dry-run] [--as <gebruikersnaam>]');
      prepareDatabase(db, { info: () => undefined });
      const result = await importFromCli(db, {
        slug,
        file,
        dryRun: values['dry-run'] ?? false,
        as: values.as ?? null,
        maxBytes: config.maxUploadBytes,
      });
      console.log(result.message);
      for (const w of result.warnings)
        console.log(`waarschuwing${w.row ? ` rij ${w.row}` : ''}${w.column ? ` (${w.column})` : ''}: ${w.message}`);
      return;
    }
    throw new UsageError(USAGE);
  } finally {
    if (db.$client.open) db.$client.close();
  }
}

try {
  await run(process.argv.slice(2));
} catch (error) {
  if (error instanceof AppError) {
    console.error(error.message);
    for (const d of error.details ?? []) {
      console.error(`  ${d.row ? `rij ${d.row}` : 'bestand'}${d.column ? `, kolom ${d.column}` : ''}: ${d.message}`);
    }
  } else if (isBusyError(error)) {
    console.error('De database is bezet door een ander proces. Probeer het over een paar seconden opnieuw.');
  } else if (error instanceof UsageError) {
    console.error(error.message);
  } else {
    console.error(`Fout: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 1;
}
