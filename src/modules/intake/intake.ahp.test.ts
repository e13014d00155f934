import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RANDOM_INDEX,
  SAATY_SCALE,
  consistentMatrix,
  evaluateComparisons,
  nearestScaleValue,
  validateComparisonMatrix,
} from './intake.ahp.ts';

/**
 * Published figures are given to 3 decimals: by default compare to within half a unit of the
 * last digit (correct rounding); `tolerance` 0.001 allows for a source that truncates.
 */
const closeTo3 = (actual: number[], published: number[], tolerance = 0.0005) => {
  expect(actual).toHaveLength(published.length);
  actual.forEach((a, i) => {
    expect(Math.abs(a - published[i]!)).toBeLessThanOrEqual(tolerance + 1e-12);
  });
};

describe('published worked examples', () => {
  /**
   * Saaty, T.L. (1990) "How to make a decision: The Analytic Hierarchy Process", European Journal
   * of Operational Research 48, 9–26, the house-buying example, Table 2 (pairwise comparison of
   * the eight criteria of level 1). Published: priorities .173 .054 .188 .018 .031 .036 .167 .333,
   * λmax = 9.669, C.I. = 0.238, C.R. = 0.169 — an inconsistent matrix (CR ≥ 0.10).
   */
  it("Saaty 1990: the house example's criteria — weights, λmax, CI and CR; inconsistent", () => {
    const criteria = [
      'Size of house',
      'Transportation',
      'Neighbourhood',
      'Age of house',
      'Yard space',
      'Modern facilities',
      'General condition',
      'Financing',
    ];
    const matrix = [
      [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
      [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
      [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
      [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
      [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
      [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
      [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
      [4, 7, 5, 8, 6, 6, 2, 1],
    ];
    expect(validateComparisonMatrix(criteria, matrix)).toEqual([]);
    const result = evaluateComparisons(criteria, matrix);
    closeTo3(result.weights, [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]);
    expect(result.lambdaMax).toBeCloseTo(9.669, 3);
    expect(result.ci).toBeCloseTo(0.238, 3);
    expect(result.cr).toBeCloseTo(0.169, 3);
    expect(result.consistent).toBe(false);
    // The judgement that disagrees most: neighbourhood 6× more important than general condition,
    // while the weights make them about equal.
    expect(result.disagreements).toHaveLength(3);
    expect(result.disagreements[0]).toMatchObject({ row: 2, column: 6, value: 6, suggested: 1 });
    expect(result.disagreements[0]!.drivers).toEqual(['Neighbourhood', 'General condition']);
  });

  /**
   * Wikipedia, "Analytic hierarchy process – leader example"
   * (https://en.wikipedia.org/wiki/Analytic_hierarchy_process_%E2%80%93_leader_example; the same
   * text at https://everything.explained.today/Analytic_hierarchy_process_%e2%80%93_leader_example/).
   * Published: criteria weights Experience .547, Education .127, Charisma .270, Age .056; the
   * candidates' overall priorities Tom .358, Dick .493, Harry .149; every matrix consistent.
   */
  describe('Wikipedia: the leader example', () => {
    const criteria = ['Experience', 'Education', 'Charisma', 'Age'];
    const candidates = ['Tom', 'Dick', 'Harry'];
    const criteriaMatrix = [
      [1, 4, 3, 7],
      [1 / 4, 1, 1 / 3, 3],
      [1 / 3, 3, 1, 5],
      [1 / 7, 1 / 3, 1 / 5, 1],
    ];
    /** The candidates compared with respect to each criterion, in the order of `criteria`. */
    const byCriterion = [
      [
        [1, 1 / 4, 4],
        [4, 1, 9],
        [1 / 4, 1 / 9, 1],
      ],
      [
        [1, 3, 1 / 5],
        [1 / 3, 1, 1 / 7],
        [5, 7, 1],
      ],
      [
        [1, 5, 9],
        [1 / 5, 1, 4],
        [1 / 9, 1 / 4, 1],
      ],
      [
        [1, 1 / 3, 5],
        [3, 1, 9],
        [1 / 5, 1 / 9, 1],
      ],
    ];

    it('criteria weights .547 .127 .270 .056, consistent', () => {
      const result = evaluateComparisons(criteria, criteriaMatrix);
      // The exact eigenvector is 0.5476 0.1266 0.2699 0.0559: the article truncates .5476 to .547.
      closeTo3(result.weights, [0.547, 0.127, 0.27, 0.056], 0.001);
      expect(result.consistent).toBe(true);
      // Computed here (the article only calls the judgements consistent): CR = 0.044.
      expect(result.cr).toBeCloseTo(0.044, 3);
      expect(result.lambdaMax).toBeGreaterThan(4);
    });

    it('synthesised over the criteria: Tom .358, Dick .493, Harry .149', () => {
      const criteriaWeights = evaluateComparisons(criteria, criteriaMatrix).weights;
      const local = byCriterion.map((m) => {
        const r = evaluateComparisons(candidates, m);
        expect(r.consistent).toBe(true);
        return r.weights;
      });
      const overall = candidates.map((_, c) => local.reduce((sum, w, k) => sum + criteriaWeights[k]! * w[c]!, 0));
      closeTo3(overall, [0.358, 0.493, 0.149], 0.001);
    });
  });

  it('a 2×2 matrix is always consistent: CR 0', () => {
    const result = evaluateComparisons(
      ['Cost', 'Risk'],
      [
        [1, 3],
        [1 / 3, 1],
      ],
    );
    expect(result.weights[0]).toBeCloseTo(0.75, 12);
    expect(result.weights[1]).toBeCloseTo(0.25, 12);
    expect(result.cr).toBe(0);
    expect(result.ci).toBe(0);
    expect(result.lambdaMax).toBeCloseTo(2, 12);
  });

  it("Saaty's random index table", () => {
    expect(RANDOM_INDEX).toEqual([0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59]);
  });
});

describe('validation names the entry', () => {
  const drivers = ['A', 'B', 'C'];
  const good = [
    [1, 3, 5],
    [1 / 3, 1, 2],
    [1 / 5, 1 / 2, 1],
  ];
  const fields = (m: number[][], d = drivers) => validateComparisonMatrix(d, m).map((i) => i.field);

  it('accepts a reciprocal matrix', () => expect(fields(good)).toEqual([]));
  it('a broken reciprocal is named below the diagonal', () => {
    const m = good.map((r) => [...r]);
    m[1]![0] = 0.5;
    expect(fields(m)).toEqual(['matrix.1.0']);
  });
  it('the diagonal must be 1', () => {
    const m = good.map((r) => [...r]);
    m[2]![2] = 2;
    expect(fields(m)).toEqual(['matrix.2.2']);
  });
  it('values outside 1/9…9 and non-positive values', () => {
    const m = good.map((r) => [...r]);
    m[0]![2] = 10;
    m[2]![0] = 1 / 10;
    m[0]![1] = -3;
    expect(fields(m)).toEqual(['matrix.0.1', 'matrix.0.2', 'matrix.2.0']);
  });
  it('shape: one row and one column per driver, 2 to 15 drivers', () => {
    expect(fields(good.slice(0, 2))).toEqual(['matrix']);
    expect(fields([good[0]!, [1 / 3, 1], good[2]!])).toEqual(['matrix.1']);
    expect(fields([[1]], ['A'])).toEqual(['drivers']);
  });
  it('reports values off the scale but accepts them', () => {
    const m = [
      [1, 2.5],
      [0.4, 1],
    ];
    expect(fields(m, ['A', 'B'])).toEqual([]);
    expect(evaluateComparisons(['A', 'B'], m).offScale).toEqual([{ row: 0, column: 1, value: 2.5, nearest: 3 }]);
    expect(evaluateComparisons(drivers, good).offScale).toEqual([]);
  });
  it('the nearest scale value is measured as a ratio', () => {
    expect(nearestScaleValue(10.9)).toBe(9);
    expect(nearestScaleValue(1.4)).toBe(1); // the log midpoint of 1 and 2 is √2
    expect(nearestScaleValue(1.42)).toBe(2);
    expect(nearestScaleValue(1.5)).toBe(2);
    expect(nearestScaleValue(0.3)).toBeCloseTo(1 / 3, 12);
  });
});

describe('properties', () => {
  const weightVectors = fc
    .array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 2, maxLength: 15 })
    .map((raw) => raw.map((x) => x / raw.reduce((s, y) => s + y, 0)))
    // Keep every ratio inside Saaty's range, as a real matrix's would be.
    .filter((w) => Math.max(...w) / Math.min(...w) <= 9);
  const names = (n: number) => Array.from({ length: n }, (_, i) => `D${i}`);

  it('a perfectly consistent matrix gives back its weights, λmax = n and CR ≈ 0', () => {
    fc.assert(
      fc.property(weightVectors, (w) => {
        const m = consistentMatrix(w);
        expect(validateComparisonMatrix(names(w.length), m)).toEqual([]);
        const r = evaluateComparisons(names(w.length), m);
        r.weights.forEach((x, i) => {
          expect(x).toBeCloseTo(w[i]!, 9);
        });
        expect(r.lambdaMax).toBeCloseTo(w.length, 9);
        expect(Math.abs(r.cr)).toBeLessThan(1e-9);
        expect(r.consistent).toBe(true);
        expect(r.disagreements).toEqual([]);
      }),
    );
  });

  /** Random reciprocal matrices with entries on Saaty's scale. */
  const scaleMatrices = fc.integer({ min: 2, max: 15 }).chain((n) =>
    fc.array(fc.constantFrom(...SAATY_SCALE), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }).map((upper) => {
      const m = Array.from({ length: n }, () => new Array<number>(n).fill(1));
      let k = 0;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          m[i]![j] = upper[k]!;
          m[j]![i] = 1 / upper[k]!;
          k++;
        }
      }
      return m;
    }),
  );

  it('weights are positive and sum to 1; λmax ≥ n; CR ≥ 0', () => {
    fc.assert(
      fc.property(scaleMatrices, (m) => {
        expect(validateComparisonMatrix(names(m.length), m)).toEqual([]);
        const r = evaluateComparisons(names(m.length), m);
        expect(r.weights.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
        for (const x of r.weights) expect(x).toBeGreaterThan(0);
        expect(r.lambdaMax).toBeGreaterThanOrEqual(m.length - 1e-9);
        expect(r.cr).toBeGreaterThanOrEqual(0);
        expect(r.consistent).toBe(r.cr < 0.1);
        expect(r.disagreements.length).toBeLessThanOrEqual(3);
      }),
      { numRuns: 200 },
    );
  });

  it('reciprocal symmetry: the transpose is valid, inverts the weights for n ≤ 3, and keeps λmax and CR', () => {
    fc.assert(
      fc.property(scaleMatrices, (m) => {
        const transposed = m.map((row, i) => row.map((_, j) => m[j]![i]!));
        expect(validateComparisonMatrix(names(m.length), transposed)).toEqual([]);
        const w = evaluateComparisons(names(m.length), m).weights;
        const wt = evaluateComparisons(names(m.length), transposed).weights;
        // For n ≤ 3 the eigenvector equals the row geometric means, so transposing inverts it exactly.
        if (m.length <= 3) {
          const inverted = w.map((x) => 1 / x);
          const total = inverted.reduce((s, x) => s + x, 0);
          wt.forEach((x, i) => {
            expect(x).toBeCloseTo(inverted[i]! / total, 9);
          });
        }
        // In general a matrix and its transpose share their eigenvalues: the same λmax and CR.
        const r = evaluateComparisons(names(m.length), m);
        const rt = evaluateComparisons(names(m.length), transposed);
        expect(rt.lambdaMax).toBeCloseTo(r.lambdaMax, 9);
        expect(rt.cr).toBeCloseTo(r.cr, 9);
      }),
      { numRuns: 100 },
    );
  });

  it('permuting the drivers permutes the weights', () => {
    fc.assert(
      fc.property(
        scaleMatrices.chain((m) =>
          fc
            .shuffledSubarray(
              m.map((_, i) => i),
              { minLength: m.length, maxLength: m.length },
            )
            .map((perm) => ({ m, perm })),
        ),
        ({ m, perm }) => {
          const permuted = perm.map((i) => perm.map((j) => m[i]![j]!));
          const w = evaluateComparisons(names(m.length), m);
          const wp = evaluateComparisons(names(m.length), permuted);
          perm.forEach((i, k) => {
            expect(wp.weights[k]).toBeCloseTo(w.weights[i]!, 9);
          });
          expect(wp.cr).toBeCloseTo(w.cr, 9);
        },
      ),
      { numRuns: 100 },
    );
  });
});
