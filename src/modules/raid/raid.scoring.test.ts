import { describe, expect, it } from 'vitest';
import { DEFAULT_STANDARDS } from '../standards/standards.defaults.ts';
import { type RiskMatrix, scoreIssues, scoreRisk } from './raid.scoring.ts';

/** The default 5×5: low 1–4, medium 5–9, high 10–14, critical 15–25, escalated from 15. */
const matrix: RiskMatrix = DEFAULT_STANDARDS[0]!.definition.riskMatrix;

/** A 3×3 of a PMO's own: low 1–2, high 3–9, escalated from 6. */
const small: RiskMatrix = {
  probabilityLabels: ['Low', 'Medium', 'High'],
  impactLabels: ['Low', 'Medium', 'High'],
  bands: [
    { name: 'low', minScore: 1, color: '#52c41a' },
    { name: 'high', minScore: 3, color: '#f5222d' },
  ],
  escalationScore: 6,
};

describe('risk scores on the matrix', () => {
  it.each<[RiskMatrix, number, number, number, string, boolean]>([
    [matrix, 1, 1, 1, 'low', false],
    [matrix, 2, 2, 4, 'low', false],
    [matrix, 1, 5, 5, 'medium', false],
    [matrix, 3, 3, 9, 'medium', false],
    [matrix, 2, 5, 10, 'high', false],
    [matrix, 3, 4, 12, 'high', false],
    [matrix, 4, 3, 12, 'high', false],
    [matrix, 3, 5, 15, 'critical', true],
    [matrix, 5, 5, 25, 'critical', true],
    [small, 1, 2, 2, 'low', false],
    [small, 1, 3, 3, 'high', false],
    [small, 2, 3, 6, 'high', true],
  ])('p%i × i%i', (m, probability, impact, score, band, escalates) => {
    expect(probability * impact).toBe(score);
    const got = scoreRisk(m, probability, impact);
    expect(got).toMatchObject({ score, band: { name: band }, escalates });
    expect(got.probabilityLabel).toBe(m.probabilityLabels[probability - 1]);
    expect(got.impactLabel).toBe(m.impactLabels[impact - 1]);
  });

  it('takes the band colours of the matrix', () => {
    expect(scoreRisk(matrix, 4, 4).band).toEqual({ name: 'critical', color: '#f5222d' });
  });

  it('refuses a probability or an impact off the matrix, naming the field', () => {
    expect(scoreIssues(matrix, 0, 3).map((i) => i.field)).toEqual(['probability']);
    expect(scoreIssues(matrix, 3, 6).map((i) => i.field)).toEqual(['impact']);
    expect(scoreIssues(matrix, 2.5, 3).map((i) => i.field)).toEqual(['probability']);
    expect(scoreIssues(small, 4, 4).map((i) => i.field)).toEqual(['probability', 'impact']);
    expect(scoreIssues(matrix, 5, 5)).toEqual([]);
  });
});
