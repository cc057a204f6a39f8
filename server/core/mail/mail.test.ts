import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../../../db/client.ts';
import { freePort } from '../../../tests/helpers/server-process.ts';
import { buildApp } from '../../app.ts';
import { prepareDatabase } from '../../setup.ts';
import { createUser } from '../users/repository.ts';

// A real SMTP server on 127.0.0.1 receives what the app sends; mailparser reads it. The app is built
// twice (and once more beside itself) on the same SQLite file: each reminder arrives once.

const APP_URL = 'https://dvo.test';
const PASSWORD = 'correct-horse-battery';

interface Inbox {
  port: number;
  mails: ParsedMail[];
  /** Refuse every mail with a temporary error while true. */
  refuse: boolean;
  close(): Promise<void>;
}

async function startInbox(port?: number): Promise<Inbox> {
  const inbox: Inbox = { port: port ?? (await freePort()), mails: [], refuse: false, close: async () => undefined };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (inbox.refuse) {
          const err = Object.assign(new Error('Probeer het later opnieuw'), { responseCode: 451 });
          callback(err);
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            inbox.mails.push(mail);
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(inbox.port, '127.0.0.1', resolve));
  inbox.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return inbox;
}

interface World {
  dir: string;
  dbFile: string;
  clock: { now: Date };
}

async function createWorld(): Promise<World> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dvo-mail-'));
  const dbFile = path.join(dir, 'mail.db');
  const db = openDb(dbFile);
  prepareDatabase(db, { info: () => undefined });
  const clock = { now: new Date('2024-10-11T07:00:00.000Z') };
  const users = [
    ['admin', 'beheerder', null, 'beheer@deventer.test'],
    ['konnected', 'opdrachtnemer', 'konnected', 'teamleider@konnected.test'],
    ['gemeente', 'opdrachtgever', 'gemeente-deventer', 'beleid@deventer.test'],
    ['lezer', 'lezer', 'gemeente-deventer', null],
  ] as const;
  for (const [username, role, organisation, email] of users) {
    await createUser(db, { username, password: PASSWORD, role, organisation }, clock.now);
    db.$client.prepare('update users set email = ? where username = ?').run(email, username);
  }
  // the gemeente switched the digest off
  db.$client.prepare(`update users set mail_opt_out = '["overleg_digest"]' where username = 'gemeente'`).run();
  // a kwartaaloverleg in two days with an action item of KonnecteD whose deadline passed yesterday
  const dvoId = (
    db.$client.prepare(`select id from dvos where slug = 'deventer-konnected-2024'`).get() as { id: number }
  ).id;
  const meeting = db.$client
    .prepare(
      `insert into meetings (dvo_id, type, date, period, title, attendees, as_of, created_at, created_by)
       values (?, 'kwartaaloverleg', '2024-10-13', '2024-Q3', null, '[]', ?, ?, 1)`,
    )
    .run(dvoId, clock.now.toISOString(), clock.now.toISOString());
  db.$client
    .prepare(
      `insert into meeting_items (dvo_id, meeting_id, kind, text, owner, deadline, state, created_at, created_by)
       values (?, ?, 'actiepunt', 'Verzuimcijfers per team toelichten', 'KonnecteD', '2024-10-10', 'open', ?, 1)`,
    )
    .run(dvoId, meeting.lastInsertRowid, clock.now.toISOString());
  db.$client.close();
  return { dir, dbFile, clock };
}

interface Running {
  app: FastifyInstance;
  db: Db;
  close(): Promise<void>;
}

async function startApp(
  world: World,
  smtpPort: number,
  timings: { retryBaseMs?: number; smtpTimeoutMs?: number } = {},
): Promise<Running> {
  const db = openDb(world.dbFile);
  const app = await buildApp({
    db,
    config: {
      maxUploadBytes: 1024 * 1024,
      sessionIdleMinutes: 60,
      secureCookies: false,
      logLevel: 'silent',
      appUrl: APP_URL,
      mail: { smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: 'DVO-monitor <dvo-monitor@deventer.test>' },
    },
    now: () => world.clock.now,
    serveClient: false,
    logger: false,
    mailTimings: {
      intervalMs: 0,
      retryBaseMs: timings.retryBaseMs ?? 1000,
      smtpTimeoutMs: timings.smtpTimeoutMs ?? 5000,
    },
  });
  await app.ready();
  return {
    app,
    db,
    async close() {
      await app.close();
      db.$client.close();
    },
  };
}

const summary = (mails: ParsedMail[]) =>
  mails
    .map((m) => {
      const to = Array.isArray(m.to) ? m.to[0]?.text : m.to?.text;
      return `${to} ${m.headers.get('x-dvo-reminder')}`;
    })
    .sort();

describe('reminder mails', () => {
  let world: World;
  let inbox: Inbox;
  beforeAll(async () => {
    world = await createWorld();
    inbox = await startInbox();
  });
  afterAll(async () => {
    await inbox.close();
    rmSync(world.dir, { recursive: true, force: true });
  });

  it('sends each reminder once, across a restart and beside a second process, and respects opt-out and missing addresses', async () => {
    let run = await startApp(world, inbox.port);
    await run.app.mailer?.tick();
    const first = summary(inbox.mails);
    expect(first).toEqual(
      [
        // the beheerder: the digest, no delivery reminders (those go to who delivers)
        'beheer@deventer.test overleg_digest:1:1',
        // the gemeente switched the digest off and has nothing else; the lezer has no address
        'teamleider@konnected.test actie_verlopen:2:1:2024-10-10',
        'teamleider@konnected.test levering_binnenkort:2:deventer-konnected-2024:2024-10-14',
        'teamleider@konnected.test overleg_digest:2:1',
      ].sort(),
    );

    const due = inbox.mails.find((m) => m.subject?.startsWith('Herinnering: cijfers')) as ParsedMail;
    expect(due.subject).toBe('Herinnering: cijfers DVO 2024 gemeente Deventer – KonnecteD uiterlijk 14 oktober 2024');
    expect(due.text).toContain('moeten uiterlijk 14 oktober 2024 zijn aangeleverd');
    expect(due.text).toContain(`${APP_URL}/dvo/deventer-konnected-2024/aanleveren?periode=2024-09`);
    expect(due.html).toContain(`<a href="${APP_URL}/te-doen">Naar Te doen</a>`);
    const digest = inbox.mails.find((m) => m.subject?.startsWith('Kwartaaloverleg')) as ParsedMail;
    expect(digest.text).toContain('Kwartaaloverleg van');
    expect(digest.text).toContain(`${APP_URL}/dvo/deventer-konnected-2024/overleg/1`);

    // restart on the same file: nothing again
    await run.close();
    run = await startApp(world, inbox.port);
    const second = await startApp(world, inbox.port);
    await Promise.all([run.app.mailer?.tick(), second.app.mailer?.tick()]);
    expect(summary(inbox.mails)).toEqual(first);

    // five days later September is late: that mail once, also after another restart
    world.clock.now = new Date('2024-10-16T07:00:00.000Z');
    await Promise.all([run.app.mailer?.tick(), second.app.mailer?.tick()]);
    await second.close();
    await run.close();
    run = await startApp(world, inbox.port);
    await run.app.mailer?.tick();
    await run.close();
    const late = summary(inbox.mails).filter((s) => !first.includes(s));
    expect(late).toEqual(['teamleider@konnected.test levering_te_laat:2:deventer-konnected-2024:2024-10-14']);
    const lateMail = inbox.mails.find((m) => m.subject?.startsWith('Te laat')) as ParsedMail;
    expect(lateMail.text).toContain('hadden uiterlijk 14 oktober 2024 aangeleverd moeten zijn');
  });
});

describe('a mail server that fails', () => {
  let world: World;
  const servers: Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
  });
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(() => {
    rmSync(world.dir, { recursive: true, force: true });
  });

  it('keeps the mails, retries them with backoff and sends each once when the server is back', async () => {
    const port = await freePort();
    const run = await startApp(world, port, { retryBaseMs: 1000 });
    // nobody listens: the round ends without throwing, the mails wait in the log
    await expect(run.app.mailer?.tick()).resolves.toBeUndefined();
    const log = () =>
      run.db.$client
        .prepare('select attempts, sent_at as sentAt, last_error as lastError, next_attempt_at as next from mail_log')
        .all() as {
        attempts: number;
        sentAt: string | null;
        lastError: string | null;
        next: string;
      }[];
    expect(log().length).toBe(4);
    for (const row of log()) {
      expect(row).toMatchObject({ attempts: 1, sentAt: null });
      expect(row.lastError).toBeTruthy();
      expect(row.next).toBe(new Date(world.clock.now.getTime() + 1000).toISOString());
    }
    // the server comes up, but refuses for now: the second attempt waits twice as long
    const inbox = await startInbox(port);
    inbox.refuse = true;
    await run.app.mailer?.tick();
    expect(log().every((r) => r.attempts === 1)).toBe(true); // not due yet: not tried
    world.clock.now = new Date(world.clock.now.getTime() + 1000);
    await run.app.mailer?.tick();
    expect(inbox.mails).toEqual([]);
    for (const row of log()) {
      expect(row.attempts).toBe(2);
      expect(row.next).toBe(new Date(world.clock.now.getTime() + 2000).toISOString());
    }
    inbox.refuse = false;
    world.clock.now = new Date(world.clock.now.getTime() + 2000);
    await run.app.mailer?.tick();
    await run.app.mailer?.tick();
    expect(inbox.mails).toHaveLength(4);
    expect(log().every((r) => r.sentAt !== null && r.attempts === 3)).toBe(true);
    await run.close();
    await inbox.close();
  });

  it('answers requests while the mail server hangs, and the round gives up without ending the process', async () => {
    // accepts connections and never says a word
    const hanging = createServer(() => undefined);
    servers.push(hanging);
    const port = await freePort();
    await new Promise<void>((resolve) => hanging.listen(port, '127.0.0.1', resolve));
    world.clock.now = new Date('2024-10-11T07:00:00.000Z');
    // a fresh log, so there is something to send
    const db = openDb(world.dbFile);
    db.$client.prepare('delete from mail_log').run();
    db.$client.close();
    const run = await startApp(world, port, { smtpTimeoutMs: 1500 });
    const round = run.app.mailer?.tick();
    const started = Date.now();
    const health = await run.app.inject({ url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(round).resolves.toBeUndefined();
    const row = run.db.$client
      .prepare('select count(*) as n from mail_log where sent_at is null and last_error is not null')
      .get() as {
      n: number;
    };
    expect(row.n).toBeGreaterThan(0);
    await run.close();
  });
});
