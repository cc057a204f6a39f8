import { lte } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { sessions } from '../../../db/schema.ts';

export interface SessionPurge {
  stop(): void;
}

export interface SessionPurgeOptions {
  now: () => Date;
  /** How often ended sessions are removed (default hourly). */
  intervalMs?: number;
  log: { warn(details: unknown, message: string): void };
}

/**
 * Removes sessions whose idle time has passed, now and then every `intervalMs`: a lookup already
 * ignores them, but without this the table grows with every login forever. A failure (a busy
 * database, say) is logged and the next turn tries again; it never ends the process.
 */
export function startSessionPurge(db: Db, options: SessionPurgeOptions): SessionPurge {
  const purge = () => {
    try {
      db.delete(sessions).where(lte(sessions.expiresAt, options.now().toISOString())).run();
    } catch (err) {
      options.log.warn({ err }, 'verlopen sessies opruimen mislukt; volgende keer opnieuw');
    }
  };
  purge();
  const timer = setInterval(purge, options.intervalMs ?? 60 * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
