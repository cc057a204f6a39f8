import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true')
  .optional();

const ConfigSchema = z.object({
  DATABASE_PATH: z.string().min(1).default('./data/dvo-monitor.db'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Load demo figures when the shipped DVO has none yet. */
  DEMO: flag.default(true),
  /** Upload limit for a delivery file, in bytes (default 20 MB). */
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  /** An XLSX upload that produces nothing for this long counts as unreadable (damaged workbooks). */
  XLSX_IDLE_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Idle time after which a session ends; every request refreshes it. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 60),
  /** Set the cookie's Secure flag (behind HTTPS). Default: on when NODE_ENV=production. */
  SECURE_COOKIES: flag,
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  /** The address users reach the app at: SSO redirect URIs and links in mails. Default http://HOST:PORT. */
  APP_URL: z.url().optional(),
  /** Mail server for reminders, e.g. smtp://user:pass@mail.example.nl:587; without it no mail is sent. */
  SMTP_URL: z.string().min(1).optional(),
  /** Sender of reminders, e.g. "DVO-monitor <dvo-monitor@deventer.nl>". */
  MAIL_FROM: z.string().min(1).optional(),
});

export interface Config {
  databasePath: string;
  host: string;
  port: number;
  demo: boolean;
  maxUploadBytes: number;
  xlsxIdleTimeoutMs: number;
  sessionIdleMinutes: number;
  secureCookies: boolean;
  logLevel: string;
  appUrl: string;
  /** Both set, or mail is off. */
  mail: { smtpUrl: string; from: string } | null;
}

/** The only place that reads `process.env`; fails fast with every invalid variable named. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Ongeldige configuratie:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    databasePath: c.DATABASE_PATH,
    host: c.HOST,
    port: c.PORT,
    demo: c.DEMO,
    maxUploadBytes: c.MAX_UPLOAD_BYTES,
    xlsxIdleTimeoutMs: c.XLSX_IDLE_TIMEOUT_MS,
    sessionIdleMinutes: c.SESSION_IDLE_MINUTES,
    secureCookies: c.SECURE_COOKIES ?? c.NODE_ENV === 'production',
    logLevel: c.LOG_LEVEL,
    appUrl: (c.APP_URL ?? `http://${c.HOST}:${c.PORT}`).replace(/\/+$/, ''),
    mail: c.SMTP_URL && c.MAIL_FROM ? { smtpUrl: c.SMTP_URL, from: c.MAIL_FROM } : null,
  };
}
