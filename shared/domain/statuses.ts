/**
 * The statuses of an agreement (interface.md §5), in the order they are summed up and filtered, with
 * their Dutch words, and which of them make a deviation. Plain values, so the server, the exports and
 * the client read one list; the zod schemas of shared/contracts are built from it.
 */
export const STATUSES = ['on_track', 'attention', 'off_track', 'no_data', 'not_due', 'monitor', 'qualitative'] as const;
export type Status = (typeof STATUSES)[number];

/** What a hand-set status (qualitative agreement) can be: one of the judged ones. */
export const ASSESSED_STATUSES = ['on_track', 'attention', 'off_track'] as const;
export type AssessedStatus = (typeof ASSESSED_STATUSES)[number];

/** The statuses that need a conversation, in the order a deviation list shows them. */
export const DEVIATION_STATUSES = ['off_track', 'attention', 'no_data'] as const;
export type DeviationStatus = (typeof DEVIATION_STATUSES)[number];

/** Dutch words for a status, as the users say them in the voortgangsbespreking. */
export const STATUS_LABEL: Record<Status, string> = {
  on_track: 'op koers',
  attention: 'aandacht',
  off_track: 'afwijking',
  no_data: 'geen gegevens',
  not_due: 'nog niet aan de orde',
  monitor: 'volgen',
  qualitative: 'kwalitatief',
};

/**
 * What each status means, in the words of the legend of every export a wethouder reads without the
 * app (interface.md §5 in plain Dutch), in the order of STATUSES.
 */
export const STATUS_LEGEND: readonly { status: Status; label: string; meaning: string }[] = [
  {
    status: 'on_track',
    label: 'Op koers',
    meaning: 'De norm tot nu is gehaald: het minimum bereikt, het maximum niet overschreden of binnen de bandbreedte.',
  },
  {
    status: 'attention',
    label: 'Aandacht',
    meaning: 'De norm tot nu is niet gehaald, maar het verschil valt binnen de marge.',
  },
  {
    status: 'off_track',
    label: 'Afwijking',
    meaning: 'De norm tot nu is niet gehaald en het verschil is groter dan de marge.',
  },
  {
    status: 'no_data',
    label: 'Geen gegevens',
    meaning: 'Er ontbreken cijfers die nodig zijn om te oordelen; welke perioden staat bij de afspraak.',
  },
  {
    status: 'not_due',
    label: 'Nog niet aan de orde',
    meaning:
      'Er valt nog niets te beoordelen, bijvoorbeeld een jaarcijfer vóór december of een mijlpaal vóór de deadline.',
  },
  {
    status: 'monitor',
    label: 'Volgen',
    meaning: 'Een afspraak zonder norm: de cijfers worden gevolgd, niet beoordeeld.',
  },
  {
    status: 'qualitative',
    label: 'Kwalitatief',
    meaning: 'Elk kwartaal met de hand beoordeeld, met een toelichting.',
  },
];

/** The same words as a heading or a cell of the deviation list. */
export const DEVIATION_STATUS_LABEL: Record<DeviationStatus, string> = {
  off_track: 'Afwijking',
  attention: 'Aandacht',
  no_data: 'Geen gegevens',
};

const DEVIATION_RANK = new Map<Status, number>(DEVIATION_STATUSES.map((status, rank) => [status, rank]));

export function isDeviation(status: Status): status is DeviationStatus {
  return DEVIATION_RANK.has(status);
}

/**
 * The rows that need a conversation (afwijking, aandacht, geen gegevens, in that order), in their
 * own order within each status. Every deviation list (GET /deviations, meetings, the exports and
 * the Kwartaaloverleg) selects with this.
 */
export function selectDeviations<T extends { status: Status }>(rows: readonly T[]): T[] {
  return rows
    .map((row, index) => ({ row, index, rank: DEVIATION_RANK.get(row.status) }))
    .filter((r): r is { row: T; index: number; rank: number } => r.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ row }) => row);
}

export interface DeviationCount {
  /** Deviating rows: agreements and the segments judged against their own norm, each counted once. */
  total: number;
  byStatus: Record<DeviationStatus, number>;
  /** The agreements those rows belong to (an agreement with two deviating cohorts counts once). */
  agreements: number;
}

/**
 * How many deviations a list has: the rows `selectDeviations` picks, so the month screen, the
 * quarter screen, the deviation list and its exports say the same number (issue #13). Where an
 * agreement deviates in more than one segment, `agreements` is smaller than `total`; the screens
 * then show both ("10 afwijkingen bij 8 afspraken").
 */
export function countDeviations<T extends { status: Status; indicator: string }>(rows: readonly T[]): DeviationCount {
  const selected = selectDeviations(rows);
  const byStatus = Object.fromEntries(DEVIATION_STATUSES.map((s) => [s, 0])) as Record<DeviationStatus, number>;
  for (const row of selected) byStatus[row.status as DeviationStatus] += 1;
  return { total: selected.length, byStatus, agreements: new Set(selected.map((r) => r.indicator)).size };
}

/** "10 afwijkingen (bij 8 afspraken)", "1 afwijking", "geen afwijkingen": the count as every screen says it. */
export function deviationCountText(count: DeviationCount): string {
  if (count.total === 0) return 'geen afwijkingen';
  const what = count.total === 1 ? '1 afwijking' : `${count.total} afwijkingen`;
  if (count.agreements === count.total) return what;
  return `${what} (bij ${count.agreements} ${count.agreements === 1 ? 'afspraak' : 'afspraken'})`;
}
