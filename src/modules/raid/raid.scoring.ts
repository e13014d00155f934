/**
 * Risk scoring on the risk matrix of a project's standard version: probability and impact on the
 * matrix's scales (1 to the number of labels), score = probability × impact, the band is the
 * highest whose minimum score the score reaches, and a risk escalates to the PMO at or above the
 * matrix's escalation score. Pure, tested as a table.
 */
import type { FieldIssue } from '../../kernel/errors.ts';
import type { StandardDefinition } from '../standards/index.ts';

export type RiskMatrix = StandardDefinition['riskMatrix'];

export interface RiskScore {
  probability: number;
  impact: number;
  score: number;
  band: { name: string; color: string };
  /** The labels of the matrix for the probability and the impact. */
  probabilityLabel: string;
  impactLabel: string;
  /** At or above the escalation score. */
  escalates: boolean;
}

/** What is wrong with a probability and an impact on the matrix, field by field. */
export function scoreIssues(matrix: RiskMatrix, probability: number, impact: number): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const check = (field: 'probability' | 'impact', value: number, labels: readonly string[]) => {
    if (!Number.isInteger(value) || value < 1 || value > labels.length) {
      issues.push({ field, message: `must be a whole number from 1 to ${labels.length} on the project's risk matrix` });
    }
  };
  check('probability', probability, matrix.probabilityLabels);
  check('impact', impact, matrix.impactLabels);
  return issues;
}

/**
 * The score, band and escalation of a risk; the inputs must be on the matrix (`scoreIssues`).
 * @example scoreRisk(matrix5x5, 4, 4) // { score: 16, band: { name: 'critical', … }, escalates: true, … }
 */
export function scoreRisk(matrix: RiskMatrix, probability: number, impact: number): RiskScore {
  const score = probability * impact;
  const band = [...matrix.bands].reverse().find((b) => score >= b.minScore) ?? matrix.bands[0]!;
  return {
    probability,
    impact,
    score,
    band: { name: band.name, color: band.color },
    probabilityLabel: matrix.probabilityLabels[probability - 1]!,
    impactLabel: matrix.impactLabels[impact - 1]!,
    escalates: score >= matrix.escalationScore,
  };
}
