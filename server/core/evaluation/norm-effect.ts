import type { Db } from '../../../db/client.ts';
import type { NormEffect, NormEffectChange, NormVersion } from '../../../shared/contracts/norms.ts';
import { monthPeriod } from '../../../shared/domain/periods.ts';
import type { DvoRecord } from '../dvo-access.ts';
import { evaluateStatus } from './evaluation.ts';

/**
 * Which statuses of the year a norm version changed (decision 0021): every month from January up to
 * the month it was recorded in (all twelve once the DVO year is over), evaluated as of 1 ms before
 * the version and as of its own stamp. Stamps are strictly increasing per DVO, so nothing else was
 * recorded in between: every difference is the version's doing.
 *
 * `justRecorded`: the version was recorded in this request, so nothing came after it and "as of its
 * stamp" is the DVO's current data. Those months are then evaluated as now (the same rows), which
 * leaves them in the cache where the screens' next `/status` finds them (issue #14: the first
 * `/status` after a norm edit answers like a cached one).
 */
export function normEffect(db: Db, dvo: DvoRecord, version: NormVersion, now: Date, justRecorded = false): NormEffect {
  const after = version.recordedAt;
  // as of its stamp, today is the stamp's day: the same as now only on the same day
  const afterAsOf = justRecorded && after.slice(0, 10) === now.toISOString().slice(0, 10) ? null : after;
  const before = new Date(Date.parse(after) - 1).toISOString();
  const recordedYear = Number(after.slice(0, 4));
  const lastMonth = recordedYear > dvo.year ? 12 : recordedYear < dvo.year ? 0 : Number(after.slice(5, 7));
  const months: string[] = [];
  const changes: NormEffectChange[] = [];
  for (let month = 1; month <= lastMonth; month++) {
    const period = monthPeriod(dvo.year, month);
    months.push(period);
    const was = new Map(
      evaluateStatus(db, { dvo, month, asOf: before, now }).map((r) => [`${r.indicator}|${r.segment ?? ''}`, r.status]),
    );
    for (const row of evaluateStatus(db, { dvo, month, asOf: afterAsOf, now })) {
      const previous = was.get(`${row.indicator}|${row.segment ?? ''}`);
      if (previous !== undefined && previous !== row.status)
        changes.push({ period, indicator: row.indicator, segment: row.segment, before: previous, after: row.status });
    }
  }
  return { indicator: version.indicator, version: version.version, recordedAt: after, months, changes };
}
