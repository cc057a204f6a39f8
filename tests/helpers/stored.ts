import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../db/client.ts';

/** Everything a delivery could write, as text: equal snapshots mean that nothing was stored. */
export function deliverySnapshot(db: Db): string {
  const sqlite = db.$client;
  return JSON.stringify([
    sqlite.prepare('select * from figures order by id').all(),
    sqlite.prepare('select * from imports order by id').all(),
    sqlite.prepare("select count(*) n from audit_log where action = 'figures.import'").get(),
  ]);
}

/** Every exception that nothing caught while this file's tests ran; tests check that it stays empty. */
export function collectUncaught(): unknown[] {
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  beforeAll(() => {
    process.on('uncaughtException', onUncaught);
  });
  afterAll(() => {
    process.off('uncaughtException', onUncaught);
  });
  return uncaught;
}
