import { request } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multipartFile } from '../../../tests/helpers/multipart.ts';
import { setupTestApp } from '../../../tests/helpers/test-app.ts';

const DVO = 'deventer-konnected-2024';
const ctx = setupTestApp({ now: new Date('2024-06-15T10:00:00.000Z') });

interface Revision {
  value: number;
  recordedAt: string;
  supersededAt: string | null;
}

async function revisionsOf(indicator: string, period: string): Promise<Revision[]> {
  const answer = await ctx.app.inject({
    url: `/api/dvos/${DVO}/figures?indicator=${indicator}&from=${period}&to=${period}`,
    headers: ctx.gemeente.headers(),
  });
  return answer.json().figures[0]?.revisions ?? [];
}

async function actualAsOf(asOf: string, indicator: string): Promise<number | null> {
  const answer = await ctx.app.inject({
    url: `/api/dvos/${DVO}/status?period=2024-05&asOf=${encodeURIComponent(asOf)}`,
    headers: ctx.gemeente.headers(),
  });
  expect(answer.statusCode).toBe(200);
  return answer
    .json()
    .rows.find((r: { indicator: string; segment: string | null }) => r.indicator === indicator && r.segment === null)
    .actual;
}

function deliver(indicator: string, period: string, value: number) {
  return ctx.app.inject({
    method: 'POST',
    url: `/api/dvos/${DVO}/figures`,
    headers: ctx.konnected.headers(true),
    payload: { figures: [{ indicator, period, value }] },
  });
}

/** Newest first: each revision is recorded after the one it superseded, which ended when it began. */
function expectOneLine(revisions: readonly Revision[]): void {
  expect(revisions[0]?.supersededAt).toBeNull();
  for (let i = 1; i < revisions.length; i++) {
    const newer = revisions[i - 1] as Revision;
    const older = revisions[i] as Revision;
    expect(older.recordedAt < newer.recordedAt).toBe(true);
    expect(older.supersededAt).toBe(newer.recordedAt);
  }
}

describe('the moment a revision is recorded', () => {
  it('is when a slow upload is written, not when it started: it comes after a faster delivery and past asOf answers stay', async () => {
    // the upload starts at 10:00 and sends its first bytes; its file arrives slowly
    ctx.clock.now = new Date('2024-06-15T10:00:00.000Z');
    const body = multipartFile('traag.csv', 'indicator,periode,waarde\nbekonnected_deelnemers,2024-05,14\n');
    const address = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    const slowRequest = request(`${address}/api/dvos/${DVO}/imports`, {
      method: 'POST',
      headers: { ...ctx.konnected.headers(true), ...body.headers, 'content-length': String(body.payload.length) },
    });
    const slow = new Promise<{ status: number; body: string }>((resolve, reject) => {
      slowRequest.on('response', (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      slowRequest.on('error', reject);
    });
    slowRequest.write(body.payload.subarray(0, -30));
    await new Promise((resolve) => setTimeout(resolve, 50));

    // at 10:01 a fast delivery of the same figure is written
    ctx.clock.now = new Date('2024-06-15T10:01:00.000Z');
    expect((await deliver('bekonnected_deelnemers', '2024-05', 12)).statusCode).toBe(201);
    ctx.clock.now = new Date('2024-06-15T10:02:00.000Z');
    const between = '2024-06-15T10:01:30.000Z';
    expect(await actualAsOf(between, 'bekonnected_deelnemers')).toBe(12);

    // at 10:03 the slow upload's last bytes arrive and it is written
    ctx.clock.now = new Date('2024-06-15T10:03:00.000Z');
    slowRequest.end(body.payload.subarray(-30));
    const slowAnswer = await slow;
    expect(slowAnswer.status, slowAnswer.body).toBe(201);

    const revisions = await revisionsOf('bekonnected_deelnemers', '2024-05');
    expect(revisions.map((r) => [r.value, r.recordedAt])).toEqual([
      [14, '2024-06-15T10:03:00.000Z'],
      [12, '2024-06-15T10:01:00.000Z'],
    ]);
    expectOneLine(revisions);
    // what was known at 10:01:30 is what was answered at 10:02
    expect(await actualAsOf(between, 'bekonnected_deelnemers')).toBe(12);
    expect(await actualAsOf('2024-06-15T10:03:00.000Z', 'bekonnected_deelnemers')).toBe(14);
  });

  it('increases strictly per DVO whatever the clock does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: -20 * 60_000, max: 20 * 60_000 }), fc.integer({ min: 0, max: 500 })), {
          minLength: 2,
          maxLength: 8,
        }),
        async (writes) => {
          const base = Date.parse('2024-06-15T10:30:00.000Z');
          for (const [offset, value] of writes) {
            ctx.clock.now = new Date(base + offset);
            expect((await deliver('nug_kandidaten', '2024-05', value)).statusCode).toBeLessThan(300);
          }
          const revisions = await revisionsOf('nug_kandidaten', '2024-05');
          expectOneLine(revisions);
        },
      ),
      { numRuns: 15 },
    );
  });
});
