import { BATCH_BUSY_TIMEOUT_MS, openDb, SERVING_BUSY_TIMEOUT_MS, setBusyTimeout } from '../db/client.ts';
import { buildApp } from './app.ts';
import { ensureClientBuilt } from './build-client.ts';
import { readConfig } from './config.ts';
import { loadDemoData } from './demo.ts';
import { ensureBeheerder, prepareDatabase } from './setup.ts';

const config = readConfig();
// preparing may wait for a CLI import in another process; serving must not (db/client.ts)
const db = openDb(config.databasePath, { busyTimeoutMs: BATCH_BUSY_TIMEOUT_MS });
const log = { info: (message: string) => console.log(message) };

prepareDatabase(db, log);
const password = await ensureBeheerder(db, new Date());
if (password) {
  console.log('\nEr was nog geen beheerder. Aangemaakt:');
  console.log(`  gebruikersnaam: beheerder\n  wachtwoord:     ${password}`);
  console.log('Dit wachtwoord wordt maar één keer getoond.\n');
}
if (config.demo) await loadDemoData(db, log);
await ensureClientBuilt(log);

setBusyTimeout(db.$client, SERVING_BUSY_TIMEOUT_MS);
const app = await buildApp({ db, config, warmEvaluations: true });
const shutdown = async (signal: string) => {
  app.log.info(`${signal}: afsluiten`);
  await app.close();
  db.$client.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ host: config.host, port: config.port });
console.log(`dvo-monitor draait op http://${config.host}:${config.port}`);
