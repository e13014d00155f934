import { describe, expect, it } from 'vitest';
import {
  addDriverToMatrix,
  describeJudgement,
  disagreementAt,
  driverNamesProblem,
  formatJudgement,
  nearestOnScale,
  removeDriverFromMatrix,
  setJudgement,
} from './saaty.ts';

describe('Saaty scale helpers', () => {
  it('writes judgements as fractions', () => {
    expect(formatJudgement(3)).toBe('3');
    expect(formatJudgement(1 / 3)).toBe('1/3');
    expect(formatJudgement(0.3333333333)).toBe('1/3');
    expect(formatJudgement(2.5)).toBe('2.50');
  });
  it('snaps to the nearest scale value by ratio', () => {
    expect(nearestOnScale(2.4)).toBe(2);
    expect(nearestOnScale(0.34)).toBeCloseTo(1 / 3);
  });
  it('says the judgement in words, whichever way it points', () => {
    expect(describeJudgement('A', 'B', 5)).toBe('A is strongly more important than B');
    expect(describeJudgement('A', 'B', 1 / 7)).toBe('B is very strongly more important than A');
    expect(describeJudgement('A', 'B', 1)).toBe('A is equally important as B');
  });
  it('keeps the matrix reciprocal as drivers and judgements change', () => {
    const m = setJudgement(
      [
        [1, 1],
        [1, 1],
      ],
      0,
      1,
      4,
    );
    expect(m[1]![0]).toBe(0.25);
    const grown = addDriverToMatrix(m);
    expect(grown).toEqual([
      [1, 4, 1],
      [0.25, 1, 1],
      [1, 1, 1],
    ]);
    expect(removeDriverFromMatrix(grown, 0)).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });
  it('checks driver names', () => {
    expect(driverNamesProblem(['A'])).toMatch(/at least 2/);
    expect(driverNamesProblem(['A', ' a '])).toMatch(/twice/);
    expect(driverNamesProblem(['A', ''])).toMatch(/needs a name/);
    expect(driverNamesProblem(['A', 'B'])).toBeNull();
  });
  it('finds a disagreement for a cell whichever way the server named it', () => {
    const list = [{ row: 3, column: 1, suggested: 2 }];
    expect(disagreementAt(list, 1, 3)?.suggestedHere).toBe(0.5);
    expect(disagreementAt(list, 0, 1)).toBeUndefined();
  });
});
