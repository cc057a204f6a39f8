import { type Db, inTransaction } from '../../../db/client.ts';
import type { Indicator } from '../../../shared/contracts/catalogue.ts';
import type {
  DeviationEvent,
  DeviationRow,
  DeviationsResponse,
  DeviationThread,
  RecoveredDeviation,
  Signal,
} from '../../../shared/contracts/deviations.ts';
import type { StatusRow } from '../../../shared/contracts/status.ts';
import { referenceDay } from '../../../shared/domain/as-of.ts';
import {
  assignThread,
  deviationKey,
  firstMonthOfRun,
  type ThreadSpan,
} from '../../../shared/domain/deviation-threads.ts';
import {
  allowedTransitions,
  applyWorkflowAction,
  canWrite,
  STATE_LABEL,
  type WorkflowAction,
} from '../../../shared/domain/deviation-workflow.ts';
import { formatPeriodLabel } from '../../../shared/domain/format-nl.ts';
import { evaluationMonthOf, monthPeriod } from '../../../shared/domain/periods.ts';
import { reportSignals } from '../../../shared/domain/report-signals.ts';
import { countDeviations, isDeviation, selectDeviations } from '../../../shared/domain/statuses.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit.ts';
import { type DvoRecord, listIndicators, requirePeriodOfDvo } from '../dvo-access.ts';
import { evaluateStatus } from '../evaluation/evaluation.ts';
import { loadAssessments } from '../figures/read.ts';
import { catalogueAsOf } from '../norms/norms.ts';
import type { AuthUser } from '../users/identity.ts';
import { carriedAwayMessage, threadCarryLinks } from './carry.ts';
import { loadCorrections } from './corrections.ts';
import {
  findThread,
  insertThread,
  loadEvents,
  loadThreads,
  loadThreadsAsOf,
  type ThreadRecord,
  updateThread,
} from './repository.ts';

/** The evaluated month (1–12) of a list period (`YYYY-MM` or `YYYY-Qn`); 400 outside the DVO year. */
export function requireListPeriod(dvo: DvoRecord, period: string): number {
  return evaluationMonthOf(requirePeriodOfDvo(dvo, period, ['M', 'Q'])).month;
}

const spanOf = (t: ThreadRecord): ThreadSpan => ({
  id: t.id,
  key: deviationKey(t.indicator, t.segment),
  state: t.state,
  firstPeriod: t.firstPeriod,
  lastPeriod: t.lastPeriod,
});

/**
 * Opens a thread for every deviating row that has none yet, and records that a thread not closed was
 * seen again in this month (its first/latest month widen). Runs in one write transaction, and only
 * when something changes; the plan is made again inside it, so two requests at once open one thread.
 * A new thread's first month is the start of the uninterrupted run of deviating months before it.
 */
export function materialiseThreads(
  db: Db,
  req: { dvo: DvoRecord; month: number; rows: readonly StatusRow[]; userId: number | null; now: Date },
): ThreadRecord[] {
  const month = monthPeriod(req.dvo.year, req.month);
  const needsWrite = (threads: ThreadRecord[]) => {
    const spans = threads.map(spanOf);
    return req.rows.some((row) => {
      const a = assignThread(deviationKey(row.indicator, row.segment), month, spans);
      return a.kind === 'new' || (a.kind === 'existing' && a.extend !== null);
    });
  };
  const current = loadThreads(db, req.dvo.id);
  if (!needsWrite(current)) return current;

  return inTransaction(db, () => {
    const threads = loadThreads(db, req.dvo.id);
    if (!needsWrite(threads)) return threads;
    const spans = threads.map(spanOf);
    const indicatorIds = new Map(listIndicators(db, req.dvo.id).map((i) => [i.definition.code, i.id]));
    const at = req.now.toISOString();
    const opened: number[] = [];
    const carried: number[] = [];
    const deviatingAt = new Map<number, Set<string>>();
    const deviatingKeysAt = (m: number): Set<string> => {
      let keys = deviatingAt.get(m);
      if (!keys) {
        const rows = evaluateStatus(db, { dvo: req.dvo, month: m, asOf: null, now: req.now });
        keys = new Set(rows.filter((r) => isDeviation(r.status)).map((r) => deviationKey(r.indicator, r.segment)));
        deviatingAt.set(m, keys);
      }
      return keys;
    };
    for (const row of req.rows) {
      const key = deviationKey(row.indicator, row.segment);
      const assignment = assignThread(key, month, spans);
      if (assignment.kind === 'new') {
        const floor = assignment.floor === null ? 0 : Number(assignment.floor.slice(5, 7));
        const first = firstMonthOfRun(req.month, floor, (m) => deviatingKeysAt(m).has(key));
        const indicatorId = indicatorIds.get(row.indicator);
        if (indicatorId === undefined) continue;
        const firstPeriod = monthPeriod(req.dvo.year, first);
        const id = insertThread(
          db,
          {
            dvoId: req.dvo.id,
            indicatorId,
            segment: row.segment,
            state: 'open',
            toelichting: null,
            maatregel: null,
            firstPeriod,
            lastPeriod: month,
          },
          {
            at,
            userId: null,
            type: 'geopend',
            fromState: null,
            note: `Gesignaleerd bij de evaluatie van ${formatPeriodLabel(month)}${
              firstPeriod < month ? `; wijkt af sinds ${formatPeriodLabel(firstPeriod)}` : ''
            }.`,
          },
        );
        opened.push(id);
      } else if (assignment.kind === 'existing' && assignment.extend) {
        const thread = threads.find((t) => t.id === assignment.id) as ThreadRecord;
        updateThread(
          db,
          thread.id,
          { ...thread, ...assignment.extend },
          {
            at,
            userId: null,
            type: 'gezien',
            fromState: thread.state,
            note: `Opnieuw gezien bij de evaluatie van ${formatPeriodLabel(month)}.`,
          },
        );
        carried.push(thread.id);
      }
    }
    recordAudit(
      db,
      {
        userId: req.userId,
        action: 'deviation.materialise',
        entity: 'dvo',
        entityId: `${req.dvo.slug}/${month}`,
        after: { opened, carried },
      },
      req.now,
    );
    return loadThreads(db, req.dvo.id);
  });
}

export interface ListRequest {
  dvo: DvoRecord;
  /** As asked: `YYYY-MM` or `YYYY-Qn`. */
  period: string;
  /** The data (figures and threads) as it stood at this moment, or now when null. */
  asOf: string | null;
  now: Date;
  user: AuthUser;
  history: boolean;
  /** Corrections after this moment only (a meeting: the previous meeting's opening). */
  correctionsAfter: string | null;
}

/**
 * The signals (late quarterly reports) of a list about evaluation month `month`, as of `asOf` or now:
 * reports up to that month's quarter, counted to the day the list is about (as-of.ts `referenceDay`).
 * The deviation list, its exports and the meeting screen all take them from here.
 */
export function signalsOf(
  db: Db,
  req: { dvo: DvoRecord; month: number; asOf: string | null; now: Date },
  definitions?: readonly Indicator[],
): Signal[] {
  const { dvo, month, asOf } = req;
  return reportSignals({
    year: dvo.year,
    // the norms that held for this month as of asOf: the milestone dates (decision 0021)
    indicators: definitions ?? catalogueAsOf(db, dvo, month, asOf).indicators,
    assessments: loadAssessments(db, dvo.id, asOf),
    today: referenceDay({ year: dvo.year, month, asOf, now: req.now.toISOString() }),
    knownOn: (asOf ?? req.now.toISOString()).slice(0, 10),
    month,
  });
}

/**
 * The deviation list of a period: the deviating rows of the evaluation with their threads, the
 * threads that recovered, signals (late quarterly reports) and corrections after vaststelling.
 * Without `asOf` the threads are opened or carried on first (see `materialiseThreads`); with
 * `asOf` nothing is written and the threads are shown as they stood then.
 */
export function buildDeviationList(db: Db, req: ListRequest): DeviationsResponse {
  const { dvo } = req;
  const month = requireListPeriod(dvo, req.period);
  const monthStr = monthPeriod(dvo.year, month);
  const evaluation = evaluateStatus(db, { dvo, month, asOf: req.asOf, now: req.now });
  const rows = selectDeviations(evaluation);
  // with the norms that judged this month as of asOf: the milestone dates of the report's signals
  const definitions = new Map(catalogueAsOf(db, dvo, month, req.asOf).indicators.map((i) => [i.code, i]));

  const threads =
    req.asOf === null
      ? materialiseThreads(db, { dvo, month, rows, userId: req.user.id, now: req.now })
      : loadThreadsAsOf(db, dvo.id, req.asOf);
  const spans = threads.map(spanOf);
  const byId = new Map(threads.map((t) => [t.id, t]));
  const events = req.history ? loadEvents(db, dvo.id, req.asOf) : null;
  const carry = threadCarryLinks(db, dvo.id);

  const listRows: DeviationRow[] = rows.map((row) => {
    const def = definitions.get(row.indicator);
    const assignment = assignThread(deviationKey(row.indicator, row.segment), monthStr, spans);
    const thread = assignment.kind === 'existing' ? byId.get(assignment.id) : undefined;
    const span = assignment.kind === 'existing' && assignment.extend ? assignment.extend : thread;
    return {
      ...row,
      name: def?.name ?? row.indicator,
      chapter: def?.chapter ?? '',
      article: def?.article ?? '',
      deviationId: thread?.id ?? null,
      state: thread?.state ?? null,
      toelichting: thread?.toelichting ?? null,
      maatregel: thread?.maatregel ?? null,
      firstPeriod: span?.firstPeriod ?? null,
      lastPeriod: span?.lastPeriod ?? null,
      ...(events ? { history: thread ? (events.get(thread.id) ?? []) : [] } : {}),
      ...(thread ? carry.get(thread.id) : {}),
    };
  });

  const shown = new Set(listRows.map((r) => r.deviationId));
  const statusByKey = new Map(evaluation.map((r) => [deviationKey(r.indicator, r.segment), r.status]));
  const recovered: RecoveredDeviation[] = threads
    .filter((t) => t.state !== 'afgesloten' && !shown.has(t.id) && t.firstPeriod <= monthStr)
    .map((t) => ({
      deviationId: t.id,
      indicator: t.indicator,
      name: definitions.get(t.indicator)?.name ?? t.indicator,
      segment: t.segment,
      status: statusByKey.get(deviationKey(t.indicator, t.segment)) ?? 'not_due',
      state: t.state,
      toelichting: t.toelichting,
      maatregel: t.maatregel,
      firstPeriod: t.firstPeriod,
      lastPeriod: t.lastPeriod,
      ...carry.get(t.id),
    }));

  const moment = req.asOf ?? req.now.toISOString();
  const signals = signalsOf(db, { dvo, month, asOf: req.asOf, now: req.now }, [...definitions.values()]);
  const corrections = loadCorrections(db, {
    dvo,
    month,
    after: req.correctionsAfter,
    until: moment,
    definitions,
    now: req.now,
  });
  return {
    dvo: dvo.slug,
    dvoName: dvo.name,
    period: req.period,
    evaluatedMonth: monthStr,
    asOf: req.asOf,
    summary: countDeviations(listRows).byStatus,
    rows: listRows,
    recovered,
    signals,
    corrections,
  };
}

/** One thread with its whole history and what this user may do with it. */
export function threadView(
  db: Db,
  dvo: DvoRecord,
  thread: ThreadRecord,
  user: AuthUser,
  definitions?: ReadonlyMap<string, Indicator>,
): DeviationThread {
  const defs = definitions ?? new Map(listIndicators(db, dvo.id).map((i) => [i.definition.code, i.definition]));
  const history: DeviationEvent[] = loadEvents(db, dvo.id, null).get(thread.id) ?? [];
  const carry = threadCarryLinks(db, dvo.id).get(thread.id);
  // carried on to next year's DVO: read-only here, the conversation goes on there (decision 0025)
  const readOnly = carry?.carriedTo !== undefined;
  return {
    id: thread.id,
    indicator: thread.indicator,
    name: defs.get(thread.indicator)?.name ?? thread.indicator,
    segment: thread.segment,
    state: thread.state,
    toelichting: thread.toelichting,
    maatregel: thread.maatregel,
    firstPeriod: thread.firstPeriod,
    lastPeriod: thread.lastPeriod,
    createdAt: thread.createdAt,
    updatedAt: thread.updatedAt,
    allowedTransitions: readOnly ? [] : allowedTransitions(thread, user.role),
    canWriteToelichting: !readOnly && canWrite(thread, user.role, 'toelichting'),
    canWriteMaatregel: !readOnly && canWrite(thread, user.role, 'maatregel'),
    history,
    ...carry,
  };
}

export function requireThread(db: Db, dvo: DvoRecord, id: number): ThreadRecord {
  const thread = findThread(db, dvo.id, id);
  if (!thread) throw new AppError('not_found', `Afwijking ${id} bestaat niet in deze DVO.`);
  return thread;
}

const EVENT_TYPE = { toelichting: 'toelichting', maatregel: 'maatregel', transition: 'status' } as const;

/**
 * A toelichting, maatregel or state change by `user`, checked by the workflow (403 role, 409 state,
 * 422 input) inside one write transaction with its event and audit entry. Writing the same content
 * again changes nothing and records nothing.
 */
export function applyThreadAction(
  db: Db,
  req: { dvo: DvoRecord; id: number; user: AuthUser; action: WorkflowAction; now: Date },
): DeviationThread {
  const thread = inTransaction(db, () => {
    const current = requireThread(db, req.dvo, req.id);
    const carriedTo = threadCarryLinks(db, req.dvo.id).get(current.id)?.carriedTo;
    if (carriedTo) throw new AppError('conflict', carriedAwayMessage('Deze afwijking', carriedTo));
    const outcome = applyWorkflowAction(current, req.action, req.user.role);
    if (!outcome.ok) throw new AppError(outcome.code, outcome.message);
    if (!outcome.changed) return current;
    const next = { ...current, ...outcome.next };
    const note =
      req.action.type === 'transition'
        ? (req.action.note ?? null)
        : current.state !== next.state
          ? `Stand naar '${STATE_LABEL[next.state]}'.`
          : null;
    updateThread(db, current.id, next, {
      at: req.now.toISOString(),
      userId: req.user.id,
      type: EVENT_TYPE[req.action.type],
      fromState: current.state,
      note,
    });
    recordAudit(
      db,
      {
        userId: req.user.id,
        action: `deviation.${req.action.type}`,
        entity: 'deviation',
        entityId: current.id,
        before: { state: current.state, toelichting: current.toelichting, maatregel: current.maatregel },
        after: { state: next.state, toelichting: next.toelichting, maatregel: next.maatregel, note },
      },
      req.now,
    );
    return requireThread(db, req.dvo, req.id);
  });
  return threadView(db, req.dvo, thread, req.user);
}
