import { describe, expect, it } from 'vitest';
import {
  type Risk,
  type RiskMatrix,
  heatRows,
  inCell,
  liveScore,
  partlyFilled,
  riskBody,
  riskUpdateBody,
  scaleLabel,
  scaleOptions,
  threePoint,
} from './raid.ts';

const matrix: RiskMatrix = {
  projectId: 'p',
  probabilityLabels: ['Rare (<10 %)', 'Unlikely (10–30 %)', 'Possible (30–50 %)', 'Likely (50–80 %)', 'Almost certain (>80 %)'],
  impactLabels: ['Negligible', 'Minor', 'Moderate', 'Major', 'Severe'],
  bands: [
    { name: 'low', minScore: 1, color: '#52c41a' },
    { name: 'medium', minScore: 5, color: '#faad14' },
    { name: 'high', minScore: 10, color: '#fa8c16' },
    { name: 'critical', minScore: 15, color: '#f5222d' },
  ],
  escalationScore: 15,
  canEdit: true,
  cells: [
    { probability: 4, impact: 4, open: 2 },
    { probability: 1, impact: 5, open: 1 },
  ],
};

const risk = (over: Partial<Risk> = {}): Risk =>
  ({ id: 'r', key: 'R-1', probability: 4, impact: 4, score: 16, status: 'open', version: 3, ...over }) as Risk;

describe('the scales', () => {
  it('label a point with its number and the matrix label', () => {
    expect(scaleLabel(matrix.probabilityLabels, 1)).toBe('1 · Rare (<10 %)');
    expect(scaleOptions(matrix.impactLabels).map((o) => o.value)).toEqual([1, 2, 3, 4, 5]);
    expect(scaleOptions(matrix.impactLabels)[3]!.label).toBe('4 · Major');
  });
});

describe('the live score', () => {
  it.each([
    [1, 1, 'mitigate', 1, 'low', false],
    [2, 4, 'mitigate', 8, 'medium', false],
    [2, 5, 'mitigate', 10, 'high', false],
    [4, 4, 'mitigate', 16, 'critical', true],
    [3, 5, 'accept', 15, 'critical', true],
    [1, 2, 'escalate', 2, 'low', true],
  ] as const)('p %i × i %i (%s) scores %i, %s, escalated %s', (p, i, response, score, band, escalates) => {
    expect(liveScore(matrix, p, i, response)).toEqual({ score, band: expect.objectContaining({ name: band }), escalates });
  });

  it('waits for both the probability and the impact', () => {
    expect(liveScore(matrix, 3, undefined)).toBeNull();
    expect(liveScore(matrix, null, 2)).toBeNull();
  });
});

describe('the heat map', () => {
  it('draws the highest probability at the top and impact 1 on the left, with the open counts', () => {
    const rows = heatRows(matrix);
    expect(rows.map((r) => r[0]!.probability)).toEqual([5, 4, 3, 2, 1]);
    expect(rows[0]!.map((c) => c.impact)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[1]![3]).toMatchObject({ probability: 4, impact: 4, score: 16, open: 2, band: { name: 'critical' } });
    expect(rows[4]![4]).toMatchObject({ score: 5, open: 1, band: { name: 'medium' } });
    expect(rows.flat().reduce((n, c) => n + c.open, 0)).toBe(3);
  });

  it('filters a cell to its open risks', () => {
    const risks = [risk({ id: 'a' }), risk({ id: 'b', status: 'closed' }), risk({ id: 'c', impact: 3 })];
    expect(inCell(risks, { probability: 4, impact: 4 }).map((r) => r.id)).toEqual(['a']);
  });
});

describe('three-point estimates', () => {
  it('are all three points or nothing', () => {
    expect(threePoint({ min: 0, likely: 5, max: 9 })).toEqual({ min: 0, likely: 5, max: 9 });
    expect(threePoint({ min: 1, likely: null, max: 9 })).toBeNull();
    expect(threePoint(undefined)).toBeNull();
    expect(partlyFilled({ min: 1, likely: null, max: 9 })).toBe(true);
    expect(partlyFilled({ min: 0 })).toBe(true);
    expect(partlyFilled({})).toBe(false);
    expect(partlyFilled({ min: 1, likely: 2, max: 3 })).toBe(false);
  });
});

describe('the bodies sent', () => {
  const values = {
    title: '  Supplier fails ',
    category: ' Supplier ',
    probability: 4,
    impact: 4,
    response: 'mitigate' as const,
    cause: '   ',
    effect: 'No releases',
    costImpact: { min: 1000, likely: 2000, max: 5000 },
    scheduleImpactDays: { min: 5 },
    actions: [{ text: ' Qualify a second supplier ', dueOn: '2027-01-31' }, { text: ' ' }],
  };

  it('trims the text, sends empty text as null and leaves out empty actions', () => {
    expect(riskBody(values)).toEqual({
      title: 'Supplier fails',
      category: 'Supplier',
      probability: 4,
      impact: 4,
      response: 'mitigate',
      ownerPersonId: null,
      cause: null,
      effect: 'No releases',
      description: null,
      costImpact: { min: 1000, likely: 2000, max: 5000 },
      scheduleImpactDays: null,
      actions: [{ text: 'Qualify a second supplier', ownerPersonId: null, dueOn: '2027-01-31', doneOn: null }],
    });
  });

  it('sends the version, and the note only with a reassessment', () => {
    const note = { ...values, assessmentNote: ' A second supplier is qualified ' };
    expect(riskUpdateBody(note, risk())).toMatchObject({ version: 3 });
    expect(riskUpdateBody(note, risk())).not.toHaveProperty('assessmentNote');
    expect(riskUpdateBody({ ...note, probability: 2 }, risk())).toMatchObject({
      version: 3,
      probability: 2,
      assessmentNote: 'A second supplier is qualified',
    });
  });
});
