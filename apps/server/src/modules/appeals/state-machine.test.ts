// Unit tests of the appeal state machine: the legal moves per state and capacity, and the appeal's state
// derived from its forwards.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APPEAL_ACTIONS, APPEAL_STATES, type AppealState } from '@qinqing/shared';
import { allowedActions, isAllowed, RULES, stateFromForwards, type Capacity } from './state-machine.ts';

const all = new Set<Capacity>(['federation', 'department', 'enterprise']);

describe('appeal state machine', () => {
  it('has a rule for every action, each from known states', () => {
    assert.deepEqual(Object.keys(RULES).sort(), [...APPEAL_ACTIONS].sort());
    for (const rule of Object.values(RULES)) {
      for (const state of rule.from) assert.ok((APPEAL_STATES as readonly string[]).includes(state));
    }
  });

  it('terminal states allow nothing, whoever asks', () => {
    for (const state of ['invalid', 'merged'] as AppealState[]) {
      assert.deepEqual(allowedActions({ state, reopenable: true }, all, { state: 'accepted' }), []);
    }
  });

  it('the federation triages a new appeal; nobody else can', () => {
    const fresh = { state: 'submitted' as const, reopenable: false };
    assert.deepEqual(allowedActions(fresh, new Set(['federation']), undefined), [
      'mark_valid',
      'mark_invalid',
      'merge',
    ]);
    assert.deepEqual(allowedActions(fresh, new Set(['department', 'enterprise']), { state: 'pending' }), []);
  });

  it('a department acts only through its own open forward, in order', () => {
    const working = { state: 'forwarded' as const, reopenable: false };
    const department = new Set<Capacity>(['department']);
    assert.deepEqual(allowedActions(working, department, { state: 'pending' }), [
      'accept',
      'return',
      'reply',
    ]);
    assert.deepEqual(allowedActions(working, department, { state: 'accepted' }), [
      'return',
      'reply',
      'resolve',
      'explain_unsolvable',
    ]);
    assert.equal(isAllowed('accept', working, department, undefined), false);
    assert.equal(isAllowed('resolve', working, department, { state: 'resolved' }), false);
  });

  it('rating follows confirmation; reopening needs the window', () => {
    const enterprise = new Set<Capacity>(['enterprise']);
    assert.deepEqual(allowedActions({ state: 'confirmed', reopenable: true }, enterprise, undefined), [
      'rate',
      'reopen',
    ]);
    assert.deepEqual(allowedActions({ state: 'closed', reopenable: true }, enterprise, undefined), [
      'reopen',
    ]);
    assert.deepEqual(allowedActions({ state: 'closed', reopenable: false }, enterprise, undefined), []);
    assert.equal(isAllowed('rate', { state: 'answered', reopenable: false }, enterprise, undefined), false);
  });

  it('derives the appeal state from its forwards', () => {
    assert.deepEqual(stateFromForwards(['pending', 'accepted']), { state: 'forwarded', outcome: null });
    assert.deepEqual(stateFromForwards(['accepted', 'returned']), { state: 'in_progress', outcome: null });
    assert.deepEqual(stateFromForwards(['resolved', 'unsolvable']), {
      state: 'answered',
      outcome: 'resolved',
    });
    assert.deepEqual(stateFromForwards(['unsolvable', 'returned']), {
      state: 'answered',
      outcome: 'unsolvable',
    });
    assert.deepEqual(stateFromForwards(['returned', 'withdrawn']), { state: 'returned', outcome: null });
  });
});
