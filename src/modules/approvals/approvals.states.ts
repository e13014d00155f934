/**
 * The states of an approval request and of the step deciding it, as one table: what each move
 * does from each state. A move from any other state is refused with the state named.
 */
import type { ApprovalState, StepState } from './approvals.schema.ts';

export type RequestMove = 'approve' | 'reject' | 'request_info' | 'answer' | 'withdraw';

/** From which request state each move may be made, and the step state it needs. */
export const MOVES: Readonly<Record<RequestMove, { request: readonly ApprovalState[]; step: StepState }>> = {
  approve: { request: ['pending'], step: 'active' },
  reject: { request: ['pending'], step: 'active' },
  request_info: { request: ['pending'], step: 'active' },
  answer: { request: ['info_requested'], step: 'info_requested' },
  withdraw: { request: ['pending', 'info_requested'], step: 'active' },
};

export interface MoveOutcome {
  request: ApprovalState;
  /** The deciding step's new state. */
  step: StepState;
  /** The next step becomes active (the current one reached its quorum and is not the last). */
  advance: boolean;
  /** The request is decided: the effect of an approval commits now. */
  final: boolean;
}

/**
 * What a move does. `approvals` counts the step's approvals including this one; `last` is whether
 * the step is the route's last. Null when the move is not allowed from these states.
 * @example moveOutcome('approve', { request: 'pending', step: 'active', approvals: 1, quorum: 1, last: false }) // advance
 */
export function moveOutcome(
  move: RequestMove,
  at: { request: ApprovalState; step: StepState; approvals: number; quorum: number; last: boolean },
): MoveOutcome | null {
  const allowed = MOVES[move];
  const stepOk = move === 'withdraw' ? at.step === 'active' || at.step === 'info_requested' : at.step === allowed.step;
  if (!allowed.request.includes(at.request) || !stepOk) return null;
  switch (move) {
    case 'approve': {
      if (at.approvals < at.quorum) return { request: 'pending', step: 'active', advance: false, final: false };
      return at.last
        ? { request: 'approved', step: 'approved', advance: false, final: true }
        : { request: 'pending', step: 'approved', advance: true, final: false };
    }
    case 'reject':
      return { request: 'rejected', step: 'rejected', advance: false, final: true };
    case 'request_info':
      return { request: 'info_requested', step: 'info_requested', advance: false, final: false };
    case 'answer':
      return { request: 'pending', step: 'active', advance: false, final: false };
    case 'withdraw':
      return { request: 'withdrawn', step: at.step, advance: false, final: true };
  }
}
