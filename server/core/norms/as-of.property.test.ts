import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../../db/schema.ts';
import type { NormVersionProposal } from '../../../shared/domain/norm-versions.ts';
import { createTestApp, type TestContext } from '../../../tests/helpers/test-app.ts';
import { loadDemoData } from '../../demo.ts';
import { findDvo } from '../dvo-access.ts';
import { evaluateStatus } from '../evaluation/evaluation.ts';
import { recordNormVersion } from './norms.ts';

// Decision 0021: an as-of view reproduces the verdict as it was made. Whatever versions are recorded
// afterwards (any value, any month they take effect from, voorlopig or definitief), every row of
// every month evaluated as of a moment before them stays exactly what it was, on the real database.

const DVO = 'deventer-konnected-2024';
let ctx: TestContext;
let adminId: number;

beforeAll(async () => {
  ctx = await createTestApp({ now: new Date('2024-10-15T09:00:00.000Z') });
  await loadDemoData(ctx.db, { info: () => undefined });
  adminId = ctx.db.select({ id: users.id }).from(users).where(eq(users.username, 'admin')).get()?.id as number;
});
afterAll(async () => {
  await ctx.close();
});

const month = fc.integer({ min: 1, max: 12 }).map((m) => `2024-${String(m).padStart(2, '0')}`);
const base = { source: 'eigenschapstest', reason: 'eigenschapstest' };

/** A proposal that fits its agreement: one per kind of norm the catalogue judges. */
const proposal: fc.Arbitrary<{ code: string; proposal: NormVersionProposal }> = fc.oneof(
  fc
    .record({ value: fc.double({ min: 5, max: 30, noNaN: true }), provisional: fc.boolean(), effectiveFrom: month })
    .map(({ value, provisional, effectiveFrom }) => ({
      code: 'wsw_verzuim',
      proposal: { ...base, norm: { basis: 'period', kind: 'max', value }, provisional, effectiveFrom },
    })),
  fc
    .record({
      value: fc.integer({ min: 50, max: 900 }),
      margin: fc.constantFrom(0, 0.05, 0.1, 0.25),
      effectiveFrom: month,
    })
    .map(({ value, margin, effectiveFrom }) => ({
      code: 'uitstroom',
      proposal: { ...base, norm: { basis: 'annual', kind: 'min', value, margin }, provisional: false, effectiveFrom },
    })),
  fc
    .record({ min: fc.integer({ min: 40, max: 90 }), width: fc.integer({ min: 0, max: 80 }), effectiveFrom: month })
    .map(({ min, width, effectiveFrom }) => ({
      code: 'beschut_dienstverbanden',
      proposal: {
        ...base,
        norm: { basis: 'period', kind: 'range', min, max: min + width },
        provisional: false,
        effectiveFrom,
      },
    })),
  fc
    .record({ factor: fc.constantFrom(0.1, 1 / 6, 0.25, 0.5), effectiveFrom: month })
    .map(({ factor, effectiveFrom }) => ({
      code: 'groeien_zittend_uitstroom',
      proposal: {
        ...base,
        // art. 14: the cohorts' intake is a parameter of the norm (domain.md "Readings corrected"), versioned with it
        norm: {
          basis: 'relative',
          kind: 'min',
          factor,
          baseParameter: {
            name: 'Instroom in Groeien per cohortjaar',
            values: { cohort_2021: 180, cohort_2022: Math.round(120 * factor * 6), cohort_2023: 110 },
            source: 'eigenschapstest',
            placeholder: false,
          },
        },
        provisional: false,
        effectiveFrom,
      },
    })),
);

function evaluateYear(asOf: string) {
  const dvo = findDvo(ctx.db, DVO);
  if (!dvo) throw new Error('no DVO');
  const now = ctx.clock.now;
  return Array.from({ length: 12 }, (_, i) => evaluateStatus(ctx.db, { dvo, month: i + 1, asOf, now }));
}

describe('norm versions and asOf', () => {
  it('never changes a verdict made before the version was recorded', () => {
    fc.assert(
      fc.property(fc.array(proposal, { minLength: 1, maxLength: 3 }), (proposals) => {
        const moment = ctx.clock.now.toISOString();
        const before = evaluateYear(moment);
        for (const p of proposals) {
          ctx.clock.now = new Date(ctx.clock.now.getTime() + 1000);
          const dvo = findDvo(ctx.db, DVO);
          if (!dvo) throw new Error('no DVO');
          const saved = recordNormVersion(ctx.db, {
            dvo,
            code: p.code,
            proposal: p.proposal,
            user: { id: adminId, username: 'admin' },
            clock: () => ctx.clock.now,
          });
          expect(saved.recordedAt > moment).toBe(true);
        }
        expect(evaluateYear(moment)).toEqual(before);
        ctx.clock.now = new Date(ctx.clock.now.getTime() + 1000);
      }),
      { numRuns: 12 },
    );
  });

  it('does change the verdicts of today when a version takes effect (the property above is not empty)', () => {
    const moment = ctx.clock.now.toISOString();
    const before = evaluateYear(moment);
    ctx.clock.now = new Date(ctx.clock.now.getTime() + 1000);
    const dvo = findDvo(ctx.db, DVO);
    if (!dvo) throw new Error('no DVO');
    recordNormVersion(ctx.db, {
      dvo,
      code: 'uitstroom',
      proposal: { ...base, norm: { basis: 'annual', kind: 'min', value: 5000 }, provisional: false },
      user: { id: adminId, username: 'admin' },
      clock: () => ctx.clock.now,
    });
    const after = evaluateYear(ctx.clock.now.toISOString());
    const june = (rows: typeof before) => rows[5]?.find((r) => r.indicator === 'uitstroom' && r.segment === null);
    expect(june(after)?.status).toBe('off_track');
    expect(june(after)?.norm.value).toBe(5000);
    expect(june(before)?.norm.value).not.toBe(5000);
  });
});
