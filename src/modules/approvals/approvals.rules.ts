/** The small rules every part of the approvals module shares: deadlines and quorum from the standard, keys, who acts. */
import type { Actor } from '../../kernel/actor.ts';
import { AppError } from '../../kernel/errors.ts';
import type { StandardDefinition } from '../standards/index.ts';
import { LEVEL_NAMES, type StepLevel } from './approvals.routing.ts';

/** The standard's deadline for one step, and the days after it that a late step is escalated. */
export function approvalRulesOf(definition: StandardDefinition | null): {
  stepDeadlineDays: number;
  escalateAfterDays: number;
  quorum: Partial<Record<StepLevel, number>>;
} {
  return {
    stepDeadlineDays: definition?.approvals?.stepDeadlineDays ?? 5,
    escalateAfterDays: definition?.approvals?.escalateAfterDays ?? 2,
    quorum: definition?.approvals?.quorum ?? {},
  };
}

export const keyOf = (number: number) => `AR-${number}`;

/** The acting user's id: approvals are asked for and decided by people, not by the system. */
export function userIdOf(actor: Actor): string {
  if (!actor.userId) throw new AppError('FORBIDDEN', 'approval requests are raised and decided by users');
  return actor.userId;
}

/** A level of the line in words: "PMO lead", "reporting executive". */
export const levelName = (level: string) => LEVEL_NAMES[level as StepLevel] ?? level;
