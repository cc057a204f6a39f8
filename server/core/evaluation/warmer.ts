import type { Db } from '../../../db/client.ts';
import { type DvoRecord, listDvos } from '../dvo-access.ts';
import { CACHE_LIMIT, EvaluationFailed, statusBody, statusKey } from './evaluation.ts';

export interface StatusWarmer {
  /** Resolves when everything queued so far has been evaluated. */
  idle(): Promise<void>;
  stop(): void;
}

export interface WarmerLog {
  error(details: object, message: string): void;
}

export interface WarmerOptions {
  now: () => Date;
  /** Where a DVO month that cannot be evaluated, or a failed round, is reported. */
  log: WarmerLog;
  /** How often the DVOs' data versions are compared with what was warmed. */
  intervalMs?: number;
}

/**
 * Evaluates in the background what the screens ask for (every month of every DVO, on the current
 * data), so a request seldom waits for an evaluation: at national scale a cold evaluation costs a few
 * milliseconds, and a burst of them queues every request behind it. One evaluation per turn of the
 * event loop, so requests go first. Every `intervalMs` the DVOs' data versions (raised by every write,
 * also by the CLI in another process) and the day are compared with what was warmed, and what changed
 * is queued again. Decision 0006.
 *
 * Nothing here may end the process: a DVO month that fails is logged with its DVO and period and
 * counted as warmed for that data version (its requests answer the error themselves), and a round
 * that fails (say, the database busy) is logged and tried again at the next interval.
 */
export function startStatusWarmer(db: Db, options: WarmerOptions): StatusWarmer {
  const warmed = new Map<string, number>();
  const queue: { dvo: DvoRecord; month: number }[] = [];
  let waiting: (() => void)[] = [];
  let running = false;
  let stopped = false;

  const scan = () => {
    try {
      queueChanges();
    } catch (err) {
      options.log.error({ err }, 'achtergrondevaluatie: ronde mislukt, volgende ronde probeert opnieuw');
    }
  };

  const queueChanges = () => {
    const now = options.now();
    const queued = new Set(queue.map((q) => statusKey({ dvo: q.dvo, month: q.month, asOf: null, now })));
    const current = new Set<string>();
    let room = CACHE_LIMIT - warmed.size;
    for (const dvo of listDvos(db)) {
      for (let month = 1; month <= 12; month++) {
        const key = statusKey({ dvo, month, asOf: null, now });
        current.add(key);
        if (warmed.get(key) === dvo.dataVersion || queued.has(key)) continue;
        // never more than the cache holds, or the warmer would evict its own work
        if (!warmed.has(key) && room-- <= 0) continue;
        queue.push({ dvo, month });
      }
    }
    // keys of a day gone by (months not yet over are keyed by day)
    for (const key of warmed.keys()) if (!current.has(key)) warmed.delete(key);
    if (queue.length > 0 && !running) {
      running = true;
      setImmediate(step);
    }
    if (queue.length === 0) settle();
  };

  const settle = () => {
    const done = waiting;
    waiting = [];
    for (const resolve of done) resolve();
  };

  const step = () => {
    const next = queue.shift();
    if (stopped || !next) {
      running = false;
      settle();
      return;
    }
    const req = { dvo: next.dvo, month: next.month, asOf: null, now: options.now() };
    try {
      statusBody(db, req);
    } catch (err) {
      const failure = err instanceof EvaluationFailed ? err : null;
      options.log.error(
        { err: failure?.cause ?? err, dvo: next.dvo.slug, period: failure?.period ?? next.month },
        'achtergrondevaluatie: DVO-maand niet te evalueren',
      );
    }
    warmed.set(statusKey(req), next.dvo.dataVersion);
    setImmediate(step);
  };

  scan();
  const timer = setInterval(scan, options.intervalMs ?? 5000);
  timer.unref();
  return {
    idle: () => (queue.length === 0 && !running ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve))),
    stop: () => {
      stopped = true;
      clearInterval(timer);
      queue.length = 0;
    },
  };
}
