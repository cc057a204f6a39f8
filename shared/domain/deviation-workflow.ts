import type { DeviationState, Maatregel } from '../contracts/deviations.ts';

// The workflow of one deviation: who may do what in which state. Pure, so the permission table in
// server/features/deviations/README.md can be checked against it by a test, and the client can ask
// the same questions (which buttons to show).

export type WorkflowRole = 'beheerder' | 'opdrachtgever' | 'opdrachtnemer' | 'lezer';

export interface ThreadContent {
  state: DeviationState;
  toelichting: string | null;
  maatregel: Maatregel | null;
}

export type WorkflowAction =
  | { type: 'toelichting'; text: string }
  | { type: 'maatregel'; maatregel: Maatregel }
  | { type: 'transition'; to: DeviationState; note: string | null };

export type WorkflowOutcome =
  | { ok: true; next: ThreadContent; changed: boolean }
  | { ok: false; code: 'forbidden' | 'conflict' | 'validation_failed'; message: string };

export const STATE_LABEL: Record<DeviationState, string> = {
  open: 'open',
  toegelicht: 'toegelicht',
  maatregel_afgesproken: 'maatregel afgesproken',
  besproken: 'besproken',
  geescaleerd: 'geëscaleerd naar bestuurlijk overleg',
  afgesloten: 'afgesloten',
};

/**
 * The explicit transitions (POST …/transitions). `open → toegelicht` is not among them: a deviation
 * becomes toegelicht by giving a toelichting.
 */
export const TRANSITIONS: Record<DeviationState, readonly DeviationState[]> = {
  open: ['afgesloten'],
  toegelicht: ['maatregel_afgesproken', 'besproken', 'geescaleerd', 'afgesloten'],
  maatregel_afgesproken: ['besproken', 'geescaleerd', 'afgesloten'],
  besproken: ['maatregel_afgesproken', 'geescaleerd', 'afgesloten'],
  geescaleerd: ['maatregel_afgesproken', 'besproken', 'afgesloten'],
  afgesloten: [],
};

/** Closing before the deviation was discussed (or escalated) needs a reason. */
const CLOSE_NEEDS_NOTE: ReadonlySet<DeviationState> = new Set(['open', 'toegelicht', 'maatregel_afgesproken']);

/** Who may do what, regardless of state. */
export const ROLE_RIGHTS: Record<WorkflowRole, { toelichting: boolean; maatregel: boolean; transition: boolean }> = {
  beheerder: { toelichting: true, maatregel: true, transition: true },
  opdrachtgever: { toelichting: false, maatregel: true, transition: true },
  opdrachtnemer: { toelichting: true, maatregel: true, transition: false },
  lezer: { toelichting: false, maatregel: false, transition: false },
};

/** States in which the opdrachtnemer may still propose or change the maatregel (before it is agreed). */
const PROPOSAL_STATES: ReadonlySet<DeviationState> = new Set(['open', 'toegelicht']);

function refuse(code: 'forbidden' | 'conflict' | 'validation_failed', message: string): WorkflowOutcome {
  return { ok: false, code, message };
}

const sameMaatregel = (a: Maatregel | null, b: Maatregel) =>
  a !== null && a.text === b.text && a.owner === b.owner && a.deadline === b.deadline;

/**
 * What `action` by a user with `role` does to a thread: the next content, or why not (403 for the
 * role, 409 for the state, 422 for missing input). Setting the same text again changes nothing.
 */
export function applyWorkflowAction(
  current: ThreadContent,
  action: WorkflowAction,
  role: WorkflowRole,
): WorkflowOutcome {
  const rights = ROLE_RIGHTS[role];
  if (action.type === 'toelichting') {
    if (!rights.toelichting)
      return refuse('forbidden', 'Alleen de opdrachtnemer (of een beheerder) schrijft de toelichting.');
    if (current.state === 'afgesloten')
      return refuse('conflict', 'Deze afwijking is afgesloten; de toelichting kan niet meer worden gewijzigd.');
    const text = action.text.trim();
    if (text === '') return refuse('validation_failed', 'De toelichting is leeg.');
    const state = current.state === 'open' ? 'toegelicht' : current.state;
    const changed = text !== current.toelichting || state !== current.state;
    return { ok: true, next: { ...current, toelichting: text, state }, changed };
  }

  if (action.type === 'maatregel') {
    if (!rights.maatregel) return refuse('forbidden', 'U mag geen maatregel vastleggen.');
    if (current.state === 'afgesloten')
      return refuse('conflict', 'Deze afwijking is afgesloten; de maatregel kan niet meer worden gewijzigd.');
    if (role === 'opdrachtnemer' && !PROPOSAL_STATES.has(current.state))
      return refuse(
        'conflict',
        `De maatregel is al ${STATE_LABEL[current.state]}; een wijziging legt de opdrachtgever vast.`,
      );
    const m = action.maatregel;
    if (m.text.trim() === '' || !m.owner?.trim() || !m.deadline)
      return refuse('validation_failed', 'Een maatregel heeft een omschrijving, een eigenaar en een deadline.');
    const maatregel = { text: m.text.trim(), owner: m.owner.trim(), deadline: m.deadline };
    return { ok: true, next: { ...current, maatregel }, changed: !sameMaatregel(current.maatregel, maatregel) };
  }

  const { to } = action;
  if (!rights.transition)
    return refuse('forbidden', 'Alleen de opdrachtgever (of een beheerder) verandert de stand van een afwijking.');
  if (current.state === 'afgesloten')
    return refuse('conflict', 'Deze afwijking is afgesloten. Komt ze terug, dan wordt het een nieuwe afwijking.');
  if (to === current.state) return refuse('conflict', `De afwijking staat al op '${STATE_LABEL[to]}'.`);
  if (to === 'toegelicht' || (to !== 'afgesloten' && current.state === 'open'))
    return refuse('conflict', 'Eerst geeft de opdrachtnemer een toelichting op deze afwijking.');
  if (!TRANSITIONS[current.state].includes(to))
    return refuse('conflict', `Van '${STATE_LABEL[current.state]}' kan de afwijking niet naar '${STATE_LABEL[to]}'.`);
  if (to === 'maatregel_afgesproken' && current.maatregel === null)
    return refuse('validation_failed', 'Leg eerst de maatregel vast (omschrijving, eigenaar en deadline).');
  if (to === 'afgesloten' && CLOSE_NEEDS_NOTE.has(current.state) && !action.note?.trim())
    return refuse('validation_failed', 'Geef een reden om de afwijking af te sluiten zonder dat ze besproken is.');
  return { ok: true, next: { ...current, state: to }, changed: true };
}

/** The states this role may move the thread to now (for the UI's buttons). */
export function allowedTransitions(current: ThreadContent, role: WorkflowRole): DeviationState[] {
  return TRANSITIONS[current.state].filter((to) => {
    const outcome = applyWorkflowAction(current, { type: 'transition', to, note: 'reden' }, role);
    return outcome.ok || outcome.code === 'validation_failed';
  });
}

export function canWrite(current: ThreadContent, role: WorkflowRole, type: 'toelichting' | 'maatregel'): boolean {
  const probe: WorkflowAction =
    type === 'toelichting'
      ? { type, text: 'x' }
      : { type, maatregel: { text: 'x', owner: 'x', deadline: '2000-01-01' } };
  return applyWorkflowAction(current, probe, role).ok;
}
