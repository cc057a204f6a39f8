/**
 * How long creating next year's DVO takes (decision 0024: under a second): a fresh database with the
 * shipped catalogue and demo figures, then the copy of the shipped DVO, five times, each to a new slug.
 * Run: npx tsx scripts/bench-next-year.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDb } from '../db/client.ts';
import { loadDemoData } from '../server/demo.ts';
import { createDvo } from '../server/features/dvos/years.ts';
import { prepareDatabase } from '../server/setup.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'dvo-bench-years-'));
try {
  const db = openDb(path.join(dir, 'bench.db'));
  prepareDatabase(db, { info: () => undefined });
  await loadDemoData(db, { info: () => undefined });
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const created = createDvo(
      db,
      {
        slug: `deventer-konnected-2025-${i}`,
        name: 'DVO 2025',
        year: 2025,
        opdrachtgever: 'gemeente-deventer',
        opdrachtnemer: 'konnected',
        from: 'deventer-konnected-2024',
      },
      1,
      new Date(),
    );
    times.push(performance.now() - start);
    if (created.indicators < 30) throw new Error(`only ${created.indicators} agreements copied`);
  }
  console.log(`DVO 2025 from 2024 (${times.length}×): ${times.map((t) => `${t.toFixed(1)} ms`).join(', ')}`);
  db.$client.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
