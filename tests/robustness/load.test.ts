import { describe, expect, it } from 'vitest';
import { runLoad } from '../../scripts/load-test.ts';

describe('under load (short version of npm run load-test)', () => {
  it('serves readers and importers at once without a 5xx, refuses every hostile file, and loses or doubles no figure', async () => {
    const result = await runLoad({ seconds: 6, readers: 100, importers: 5, hostile: true });
    expect(result.hostileSent).toBeGreaterThan(0);
    expect(result.hostileNotRefused).toEqual([]);
    expect(result.read5xx).toBe(0);
    expect(result.readErrors).toBe(0);
    expect(result.importFailures).toEqual([]);
    // every importer got deliveries through while 100 readers kept the server busy
    expect(result.imports).toBeGreaterThanOrEqual(5);
    expect(result.reads).toBeGreaterThan(100);
    expect(result.storedFigures).toBe(result.expectedFigures);
    expect(result.duplicateCurrent).toBe(0);
  }, 240_000);
});
