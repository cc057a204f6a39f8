import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '..', '..');

describe('import memory', () => {
  it('does not grow with the file: 150,000 more rows leave the heap where it was', () => {
    const out = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'tests/robustness/import-memory-worker.ts', '--empty-rows', '150000'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const { figures, rows, skipped, heap } = JSON.parse(out.stdout) as {
      figures: number;
      rows: number;
      skipped: number;
      heap: [number, number];
    };
    expect(rows).toBe(figures);
    expect(skipped).toBe(150_000);
    // held as parsed rows, the 112,500 rows between the two measurements take about 25 MB
    const growth = heap[1] - heap[0];
    expect(growth).toBeLessThan(5 * 1024 * 1024);
  }, 120_000);
});
