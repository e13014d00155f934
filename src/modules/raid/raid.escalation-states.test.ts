import { describe, expect, it } from 'vitest';
import type { AppError } from '../../kernel/errors.ts';
import {
  ESCALATION_ACTIONS,
  ESCALATION_STATES,
  type EscalationAction,
  type EscalationState,
  allowedEscalationActions,
  nextEscalationState,
} from './raid.escalation-states.ts';

const pmo = { pmo: true, project: false };
const manager = { pmo: false, project: true };

/** The whole table: state × action × party → the next state, or the refusal's code. */
const EXPECTED: Record<EscalationState, Record<EscalationAction, [string, string]>> = {
  open: { guide: ['guided', 'FORBIDDEN'], acknowledge: ['FORBIDDEN', 'INVALID_STATE'], close: ['closed', 'FORBIDDEN'] },
  guided: { guide: ['guided', 'FORBIDDEN'], acknowledge: ['FORBIDDEN', 'acknowledged'], close: ['closed', 'FORBIDDEN'] },
  acknowledged: {
    guide: ['guided', 'FORBIDDEN'],
    acknowledge: ['FORBIDDEN', 'INVALID_STATE'],
    close: ['closed', 'FORBIDDEN'],
  },
  closed: {
    guide: ['INVALID_STATE', 'FORBIDDEN'],
    acknowledge: ['FORBIDDEN', 'INVALID_STATE'],
    close: ['INVALID_STATE', 'FORBIDDEN'],
  },
};

const outcome = (state: EscalationState, action: EscalationAction, relation: typeof pmo) => {
  try {
    return nextEscalationState(state, action, relation).to;
  } catch (err) {
    return (err as AppError).code;
  }
};

describe('the escalation state table', () => {
  for (const state of ESCALATION_STATES) {
    for (const action of ESCALATION_ACTIONS) {
      it(`${action} from ${state}: by the PMO ${EXPECTED[state][action][0]}, by the manager ${EXPECTED[state][action][1]}`, () => {
        expect([outcome(state, action, pmo), outcome(state, action, manager)]).toEqual(EXPECTED[state][action]);
      });
    }
  }

  it('offers each party what it may do next', () => {
    expect(allowedEscalationActions('open', pmo)).toEqual(['guide', 'close']);
    expect(allowedEscalationActions('guided', manager)).toEqual(['acknowledge']);
    expect(allowedEscalationActions('guided', { pmo: true, project: true })).toEqual(['guide', 'acknowledge', 'close']);
    expect(allowedEscalationActions('closed', pmo)).toEqual([]);
  });
});
