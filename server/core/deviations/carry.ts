import { and, eq, isNotNull, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client.ts';
import { deviationEvents, deviations, dvos, meetingItems } from '../../../db/schema.ts';
import type { Indicator } from '../../../shared/contracts/catalogue.ts';
import type { CarriedRef } from '../../../shared/contracts/deviations.ts';
import type { CarryResult, NotCarried } from '../../../shared/contracts/dvos.ts';
import { STATE_LABEL } from '../../../shared/domain/deviation-workflow.ts';
import { formatDate, formatPeriodLabel } from '../../../shared/domain/format-nl.ts';
import { type DvoRecord, findDvo, listDvos, listIndicators } from '../dvo-access.ts';
import { insertThread, loadThreads, type ThreadRecord } from './repository.ts';

/*
 * Carrying last year's open work into a DVO at its activation (decision 0025): every deviation thread
 * that is not closed and every open action item of the previous DVO gets a copy here, pointing at its
 * origin (`carried_from_id`). The origin stays as it was, read-only in its own year.
 */

/**
 * Last year's DVO of `dvo`: the DVO its agreements point back at (`previous`, set by a copy), else the
 * DVO of the year before between the same two organisations (the match of the Indicator screen).
 */
export function previousDvoOf(db: Db, dvo: DvoRecord): DvoRecord | null {
  const counts = new Map<string, number>();
  for (const i of listIndicators(db, dvo.id)) {
    const slug = i.definition.previous?.dvo;
    if (slug && slug !== dvo.slug) counts.set(slug, (counts.get(slug) ?? 0) + 1);
  }
  const named = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (named) return findDvo(db, named[0]);
  return (
    listDvos(db).find(
      (d) =>
        d.year === dvo.year - 1 &&
        d.opdrachtgeverId === dvo.opdrachtgeverId &&
        d.opdrachtnemerId === dvo.opdrachtnemerId &&
        d.id !== dvo.id,
    ) ?? null
  );
}

/** Last year's agreement code → this year's agreement: by `previous`, else by the same code. */
function matchAgreements(db: Db, dvo: DvoRecord, from: DvoRecord): Map<string, { id: number; definition: Indicator }> {
  const current = listIndicators(db, dvo.id);
  const match = new Map<string, { id: number; definition: Indicator }>();
  for (const i of current) {
    const previous = i.definition.previous;
    if (previous?.dvo === from.slug) match.set(previous.code, i);
  }
  const pointedElsewhere = new Set(current.filter((i) => i.definition.previous).map((i) => i.definition.code));
  for (const i of current) {
    if (!match.has(i.definition.code) && !pointedElsewhere.has(i.definition.code)) match.set(i.definition.code, i);
  }
  return match;
}

function segmentLabel(segment: string | null): string {
  return segment === null ? '' : ` (${segment.replaceAll('_', ' ')})`;
}

/** What a copy's first event says of the origin's history, so the new year reads where it stood. */
function historySummary(db: Db, from: DvoRecord, origin: ThreadRecord): string {
  const events = db
    .select({ at: deviationEvents.at, type: deviationEvents.type })
    .from(deviationEvents)
    .where(eq(deviationEvents.deviationId, origin.id))
    .orderBy(deviationEvents.at, deviationEvents.id)
    .all();
  const opened = events[0]?.at ?? origin.createdAt;
  const period =
    origin.firstPeriod === origin.lastPeriod
      ? formatPeriodLabel(origin.firstPeriod)
      : `${formatPeriodLabel(origin.firstPeriod)} tot en met ${formatPeriodLabel(origin.lastPeriod)}`;
  return (
    `Meegenomen uit ${from.name} (afwijking ${origin.id}): afwijkend ${period}, geopend op ${formatDate(opened.slice(0, 10))}, ` +
    `${events.length} ${events.length === 1 ? 'gebeurtenis' : 'gebeurtenissen'}, stand '${STATE_LABEL[origin.state]}'.`
  );
}

/**
 * Copies the open threads and action items of `from` into `dvo`; call inside the activation's
 * transaction. What was carried before (a copy of the same origin exists) is left alone, so carrying
 * twice changes nothing. A thread of an agreement without a match here is not carried and listed.
 */
export function carryOpenWork(db: Db, dvo: DvoRecord, from: DvoRecord, userId: number, now: Date): CarryResult {
  const at = now.toISOString();
  const match = matchAgreements(db, dvo, from);
  const names = new Map(listIndicators(db, from.id).map((i) => [i.definition.code, i.definition.name]));
  const existing = loadThreads(db, dvo.id);
  const copiedThreads = new Map(
    db
      .select({ id: deviations.id, from: deviations.carriedFromId })
      .from(deviations)
      .where(and(eq(deviations.dvoId, dvo.id), isNotNull(deviations.carriedFromId)))
      .all()
      .map((r) => [r.from as number, r.id]),
  );
  const result: CarryResult = {
    from: { slug: from.slug, name: from.name, year: from.year },
    deviations: [],
    actions: [],
    notCarried: [],
  };
  const notCarried = (entry: NotCarried) => result.notCarried.push(entry);

  for (const origin of loadThreads(db, from.id)) {
    if (origin.state === 'afgesloten' || copiedThreads.has(origin.id)) continue;
    const name = `${names.get(origin.indicator) ?? origin.indicator}${segmentLabel(origin.segment)}`;
    const target = match.get(origin.indicator);
    if (!target) {
      notCarried({
        kind: 'afwijking',
        id: origin.id,
        code: origin.indicator,
        name,
        reason: `${dvo.name} heeft geen afspraak die overeenkomt met deze afspraak.`,
      });
      continue;
    }
    if (origin.segment !== null && !target.definition.segments?.includes(origin.segment)) {
      notCarried({
        kind: 'afwijking',
        id: origin.id,
        code: origin.indicator,
        name,
        reason: `De afspraak in ${dvo.name} heeft het segment '${origin.segment}' niet meer.`,
      });
      continue;
    }
    const running = existing.find(
      (t) => t.indicatorId === target.id && t.segment === origin.segment && t.state !== 'afgesloten',
    );
    if (running) {
      notCarried({
        kind: 'afwijking',
        id: origin.id,
        code: origin.indicator,
        name,
        reason: `Voor deze afspraak loopt in ${dvo.name} al een afwijking (${running.id}).`,
      });
      continue;
    }
    const id = insertThread(
      db,
      {
        dvoId: dvo.id,
        indicatorId: target.id,
        segment: origin.segment,
        state: origin.state,
        toelichting: origin.toelichting,
        maatregel: origin.maatregel,
        firstPeriod: origin.firstPeriod,
        lastPeriod: origin.lastPeriod,
        carriedFromId: origin.id,
      },
      { at, userId, type: 'geopend', fromState: null, note: historySummary(db, from, origin) },
    );
    copiedThreads.set(origin.id, id);
    result.deviations.push({ id, from: origin.id, indicator: target.definition.code, segment: origin.segment });
  }

  const originThreads = new Map(loadThreads(db, from.id).map((t) => [t.id, t]));
  const copiedItems = new Set(
    db
      .select({ from: meetingItems.carriedFromId })
      .from(meetingItems)
      .where(and(eq(meetingItems.dvoId, dvo.id), isNotNull(meetingItems.carriedFromId)))
      .all()
      .map((r) => r.from as number),
  );
  const openItems = db
    .select()
    .from(meetingItems)
    .where(and(eq(meetingItems.dvoId, from.id), eq(meetingItems.kind, 'actiepunt'), eq(meetingItems.state, 'open')))
    .orderBy(meetingItems.id)
    .all();
  for (const item of openItems) {
    if (copiedItems.has(item.id)) continue;
    let deviationId: number | null = null;
    if (item.deviationId !== null) {
      const thread = originThreads.get(item.deviationId);
      deviationId = copiedThreads.get(item.deviationId) ?? null;
      if (deviationId === null && thread && !match.has(thread.indicator)) {
        notCarried({
          kind: 'actiepunt',
          id: item.id,
          code: thread.indicator,
          name: item.text,
          reason: `Hoort bij ${names.get(thread.indicator) ?? thread.indicator}, waarvoor ${dvo.name} geen overeenkomende afspraak heeft.`,
        });
        continue;
      }
    }
    const { id } = db
      .insert(meetingItems)
      .values({
        dvoId: dvo.id,
        meetingId: item.meetingId,
        kind: item.kind,
        text: item.text,
        owner: item.owner,
        deadline: item.deadline,
        state: 'open',
        deviationId,
        createdAt: at,
        createdBy: userId,
        carriedFromId: item.id,
      })
      .returning({ id: meetingItems.id })
      .get();
    result.actions.push({ id, from: item.id, text: item.text });
  }
  return result;
}

type CarriedLinks = Map<number, { carriedFrom?: CarriedRef; carriedTo?: CarriedRef }>;

function linksOf(
  rows: { id: number; other: number; dvo: string; dvoName: string; year: number }[],
  into: CarriedLinks,
  side: 'carriedFrom' | 'carriedTo',
): void {
  for (const r of rows) {
    const entry = into.get(r.id) ?? {};
    entry[side] = { id: r.other, dvo: r.dvo, dvoName: r.dvoName, year: r.year };
    into.set(r.id, entry);
  }
}

/** For the threads of a DVO: where each was carried from, or to (decision 0025). */
export function threadCarryLinks(db: Db, dvoId: number): CarriedLinks {
  const other = alias(deviations, 'other');
  const links: CarriedLinks = new Map();
  const dvoColumns = { dvo: dvos.slug, dvoName: dvos.name, year: dvos.year };
  linksOf(
    db
      .select({ id: deviations.id, other: other.id, ...dvoColumns })
      .from(deviations)
      .innerJoin(other, eq(other.id, deviations.carriedFromId))
      .innerJoin(dvos, eq(dvos.id, other.dvoId))
      .where(eq(deviations.dvoId, dvoId))
      .all(),
    links,
    'carriedFrom',
  );
  linksOf(
    db
      .select({ id: deviations.id, other: other.id, ...dvoColumns })
      .from(deviations)
      .innerJoin(other, eq(other.carriedFromId, deviations.id))
      .innerJoin(dvos, eq(dvos.id, other.dvoId))
      .where(and(eq(deviations.dvoId, dvoId), ne(other.dvoId, dvoId)))
      .all(),
    links,
    'carriedTo',
  );
  return links;
}

/** For the action items of a DVO: where each was carried from, or to (decision 0025). */
export function itemCarryLinks(db: Db, dvoId: number): CarriedLinks {
  const other = alias(meetingItems, 'other');
  const links: CarriedLinks = new Map();
  const dvoColumns = { dvo: dvos.slug, dvoName: dvos.name, year: dvos.year };
  linksOf(
    db
      .select({ id: meetingItems.id, other: other.id, ...dvoColumns })
      .from(meetingItems)
      .innerJoin(other, eq(other.id, meetingItems.carriedFromId))
      .innerJoin(dvos, eq(dvos.id, other.dvoId))
      .where(eq(meetingItems.dvoId, dvoId))
      .all(),
    links,
    'carriedFrom',
  );
  linksOf(
    db
      .select({ id: meetingItems.id, other: other.id, ...dvoColumns })
      .from(meetingItems)
      .innerJoin(other, eq(other.carriedFromId, meetingItems.id))
      .innerJoin(dvos, eq(dvos.id, other.dvoId))
      .where(and(eq(meetingItems.dvoId, dvoId), ne(other.dvoId, dvoId)))
      .all(),
    links,
    'carriedTo',
  );
  return links;
}

/** The Dutch refusal for a write to an origin that was carried on: it is read-only in its own year. */
export function carriedAwayMessage(what: 'Deze afwijking' | 'Dit actiepunt', to: CarriedRef): string {
  return `${what} is meegenomen naar ${to.dvoName} en staat hier alleen ter inzage. Werk verder in ${to.dvoName}.`;
}
