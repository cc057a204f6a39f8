import type { Db } from '../db/client.ts';
import type { Logger } from './setup.ts';

/** Placeholder until the import service exists: demo figures go through the same path as an upload. */
export async function loadDemoData(_db: Db, _log: Logger): Promise<void> {}
