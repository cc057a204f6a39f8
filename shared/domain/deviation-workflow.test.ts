import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEVIATION_STATES, type DeviationState } from '../contracts/deviations.ts';
import {
  allowedTransitions,
  applyWorkflowAction,
  canWrite,
  ROLE_RIGHTS,
  type ThreadContent,
  type WorkflowAction,
  type WorkflowRole,
} from './deviation-workflow.ts';

const maatregel = { text: 'Extra jobhunter inzetten', owner: 'teamleider Matchen', deadline: '2024-12-01' };
const thread = (state: DeviationState, extra: Partial<ThreadContent> = {}): ThreadContent => ({
  state,
  toelichting: state === 'open' ? null : 'Minder vacatures in de zorg',
  maatregel: null,
  ...extra,
});
const to = (state: DeviationState, note: string | null = null): WorkflowAction => ({
  type: 'transition',
  to: state,
  note,
});

describe('the workflow of a deviation', () => {
  it('becomes toegelicht when the opdrachtnemer explains it, and keeps a later state when the text is updated', () => {
    const first = applyWorkflowAction(
      thread('open'),
      { type: 'toelichting', text: ' Minder vacatures ' },
      'opdrachtnemer',
    );
    expect(first).toEqual({
      ok: true,
      changed: true,
      next: { state: 'toegelicht', toelichting: 'Minder vacatures', maatregel: null },
    });
    const later = applyWorkflowAction(
      thread('besproken'),
      { type: 'toelichting', text: 'Bijgewerkt' },
      'opdrachtnemer',
    );
    expect(later.ok && later.next.state).toBe('besproken');
  });

  it('changes nothing when the same toelichting or maatregel is sent again', () => {
    const same = applyWorkflowAction(
      thread('toegelicht'),
      { type: 'toelichting', text: 'Minder vacatures in de zorg' },
      'opdrachtnemer',
    );
    expect(same).toMatchObject({ ok: true, changed: false });
    const m = applyWorkflowAction(
      thread('toegelicht', { maatregel }),
      { type: 'maatregel', maatregel },
      'opdrachtnemer',
    );
    expect(m).toMatchObject({ ok: true, changed: false });
  });

  it('walks the whole path open → toegelicht → maatregel_afgesproken → besproken → afgesloten', () => {
    let t = thread('open');
    const steps: [WorkflowAction, WorkflowRole][] = [
      [{ type: 'toelichting', text: 'Minder vacatures' }, 'opdrachtnemer'],
      [{ type: 'maatregel', maatregel }, 'opdrachtnemer'],
      [to('maatregel_afgesproken'), 'opdrachtgever'],
      [to('besproken'), 'opdrachtgever'],
      [to('afgesloten'), 'opdrachtgever'],
    ];
    const states: DeviationState[] = [];
    for (const [action, role] of steps) {
      const outcome = applyWorkflowAction(t, action, role);
      if (!outcome.ok) throw new Error(outcome.message);
      t = outcome.next;
      states.push(t.state);
    }
    expect(states).toEqual(['toegelicht', 'toegelicht', 'maatregel_afgesproken', 'besproken', 'afgesloten']);
  });

  it('escalates to the bestuurlijk overleg and closes from there', () => {
    const escalated = applyWorkflowAction(
      thread('maatregel_afgesproken', { maatregel }),
      to('geescaleerd'),
      'opdrachtgever',
    );
    expect(escalated.ok && escalated.next.state).toBe('geescaleerd');
    expect(applyWorkflowAction(thread('geescaleerd'), to('afgesloten'), 'beheerder')).toMatchObject({ ok: true });
  });

  it('refuses with the right code and a Dutch message', () => {
    // role: 403
    expect(applyWorkflowAction(thread('toegelicht'), to('besproken'), 'opdrachtnemer')).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(applyWorkflowAction(thread('open'), { type: 'toelichting', text: 'x' }, 'opdrachtgever')).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: 'Alleen de opdrachtnemer (of een beheerder) schrijft de toelichting.',
    });
    // state: 409
    expect(applyWorkflowAction(thread('open'), to('besproken'), 'opdrachtgever')).toEqual({
      ok: false,
      code: 'conflict',
      message: 'Eerst geeft de opdrachtnemer een toelichting op deze afwijking.',
    });
    expect(applyWorkflowAction(thread('afgesloten'), to('besproken'), 'opdrachtgever')).toMatchObject({
      code: 'conflict',
      message: 'Deze afwijking is afgesloten. Komt ze terug, dan wordt het een nieuwe afwijking.',
    });
    expect(applyWorkflowAction(thread('besproken'), to('besproken'), 'opdrachtgever')).toMatchObject({
      code: 'conflict',
      message: "De afwijking staat al op 'besproken'.",
    });
    expect(
      applyWorkflowAction(
        thread('maatregel_afgesproken', { maatregel }),
        { type: 'maatregel', maatregel },
        'opdrachtnemer',
      ),
    ).toMatchObject({ code: 'conflict' });
    // input: 422
    expect(applyWorkflowAction(thread('toegelicht'), to('maatregel_afgesproken'), 'opdrachtgever')).toMatchObject({
      code: 'validation_failed',
      message: 'Leg eerst de maatregel vast (omschrijving, eigenaar en deadline).',
    });
    expect(applyWorkflowAction(thread('toegelicht'), to('afgesloten'), 'opdrachtgever')).toMatchObject({
      code: 'validation_failed',
    });
    expect(applyWorkflowAction(thread('toegelicht'), to('afgesloten', 'dubbel geteld'), 'opdrachtgever')).toMatchObject(
      {
        ok: true,
      },
    );
  });

  it('tells the UI which buttons each role has', () => {
    const t = thread('toegelicht', { maatregel });
    expect(allowedTransitions(t, 'opdrachtgever')).toEqual([
      'maatregel_afgesproken',
      'besproken',
      'geescaleerd',
      'afgesloten',
    ]);
    expect(allowedTransitions(t, 'opdrachtnemer')).toEqual([]);
    expect(allowedTransitions(t, 'lezer')).toEqual([]);
    expect(canWrite(t, 'opdrachtnemer', 'toelichting')).toBe(true);
    expect(canWrite(thread('besproken'), 'opdrachtnemer', 'maatregel')).toBe(false);
    expect(canWrite(thread('besproken'), 'opdrachtgever', 'maatregel')).toBe(true);
    expect(canWrite(thread('afgesloten'), 'beheerder', 'toelichting')).toBe(false);
  });

  it('has the rights of the permission table in the README', () => {
    expect(ROLE_RIGHTS).toEqual({
      beheerder: { toelichting: true, maatregel: true, transition: true },
      opdrachtgever: { toelichting: false, maatregel: true, transition: true },
      opdrachtnemer: { toelichting: true, maatregel: true, transition: false },
      lezer: { toelichting: false, maatregel: false, transition: false },
    });
  });
});

const states: readonly DeviationState[] = DEVIATION_STATES;
const roles: WorkflowRole[] = ['beheerder', 'opdrachtgever', 'opdrachtnemer', 'lezer'];
const actionArb: fc.Arbitrary<WorkflowAction> = fc.oneof(
  fc.string({ maxLength: 5 }).map((text) => ({ type: 'toelichting' as const, text })),
  fc.constant({ type: 'maatregel' as const, maatregel }),
  fc
    .tuple(fc.constantFrom(...states), fc.option(fc.constantFrom('reden', ''), { nil: null }))
    .map(([state, note]) => ({ type: 'transition' as const, to: state, note })),
);

describe('the workflow under any sequence of actions', () => {
  it('never leaves afgesloten, lets a lezer change nothing, and lets the opdrachtnemer only explain', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(actionArb, fc.constantFrom(...roles)), { maxLength: 30 }), (steps) => {
        let t = thread('open');
        for (const [action, role] of steps) {
          const outcome = applyWorkflowAction(t, action, role);
          if (!outcome.ok) {
            expect(['forbidden', 'conflict', 'validation_failed']).toContain(outcome.code);
            continue;
          }
          const next = outcome.next;
          if (t.state === 'afgesloten') throw new Error('changed a closed deviation');
          if (role === 'lezer') throw new Error('a lezer changed something');
          if (role === 'opdrachtnemer' && next.state !== t.state)
            expect([t.state, next.state]).toEqual(['open', 'toegelicht']);
          // only closing (with a reason) skips the toelichting
          if (next.state !== 'open' && next.state !== 'afgesloten') expect(next.toelichting).not.toBeNull();
          if (next.state === 'maatregel_afgesproken') expect(next.maatregel).not.toBeNull();
          t = next;
        }
      }),
    );
  });
});
