import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { organisations, users } from '../db/schema.ts';
import { deliveryMoment, generateDemoData } from '../fixtures/demo/generate.ts';
import { findDvo, listIndicators } from './core/dvo-access.ts';
import { setAssessment } from './core/figures/assessments.ts';
import { deliverFigures } from './core/figures/deliver.ts';
import { dvoHasFigures, type Logger } from './setup.ts';

export const DEMO_DVO = 'deventer-konnected-2024';

/** A disabled account that stands for the organisation in the demo history; it can never log in. */
function demoUser(db: Db, username: string, role: 'opdrachtgever' | 'opdrachtnemer', org: string): number {
  const existing = db.select({ id: users.id }).from(users).where(eq(users.username, username)).get();
  if (existing) return existing.id;
  const organisation = db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, org)).get();
  if (!organisation) throw new Error(`organisatie ${org} ontbreekt`);
  return db
    .insert(users)
    .values({
      username,
      passwordHash: '!demo-account-kan-niet-inloggen',
      role,
      organisationId: organisation.id,
      disabled: true,
      createdAt: '2024-01-01T00:00:00.000Z',
    })
    .returning({ id: users.id })
    .get().id;
}

/**
 * Loads the demo figures when the shipped DVO has none yet, through the same delivery path as an
 * upload (validation included), one delivery per moment KonnecteD would have sent them.
 */
export async function loadDemoData(db: Db, log: Logger): Promise<boolean> {
  if (dvoHasFigures(db, DEMO_DVO)) return false;
  const dvo = findDvo(db, DEMO_DVO);
  if (!dvo) return false;
  const deliverer = demoUser(db, 'demo-konnected', 'opdrachtnemer', dvo.opdrachtnemer.slug);
  const assessor = demoUser(db, 'demo-gemeente', 'opdrachtgever', dvo.opdrachtgever.slug);
  const { figures, assessments } = generateDemoData();

  const batches = new Map<string, typeof figures>();
  for (const figure of figures) {
    const moment = deliveryMoment(figure.period);
    const batch = batches.get(moment);
    if (batch) batch.push(figure);
    else batches.set(moment, [figure]);
  }
  // written in the order they happened: revisions are stamped in commit order (revisionStamp)
  const writes: { moment: string; write: () => void }[] = [];
  for (const [moment, batch] of batches) {
    writes.push({
      moment,
      write: () =>
        deliverFigures(db, {
          dvo,
          userId: deliverer,
          rows: batch.map((figure, i) => ({ row: i + 1, figure })),
          delimiter: ',',
          source: 'api',
          filename: null,
          sha256: null,
          dryRun: false,
          now: new Date(moment),
        }),
    });
  }
  const ids = new Map(listIndicators(db, dvo.id).map((i) => [i.definition.code, i.id]));
  for (const a of assessments) {
    const indicatorId = ids.get(a.indicator);
    if (indicatorId === undefined) throw new Error(`demo: onbekende afspraak ${a.indicator}`);
    const moment = a.completedOn ? `${a.completedOn}T16:00:00.000Z` : deliveryMoment(a.period);
    writes.push({
      moment,
      write: () =>
        setAssessment(db, {
          dvo,
          indicatorId,
          code: a.indicator,
          period: a.period,
          status: a.status,
          narrative: a.narrative,
          completedOn: a.completedOn,
          userId: assessor,
          now: new Date(moment),
        }),
    });
  }
  writes.sort((a, b) => a.moment.localeCompare(b.moment));
  for (const { write } of writes) write();
  log.info(`Demodata geladen: ${figures.length} cijfers (januari–september 2024) voor ${DEMO_DVO}.`);
  return true;
}
