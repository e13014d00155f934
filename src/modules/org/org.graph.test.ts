import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thresholdProblem } from './delegation.ts';
import { buildForest, chainUp, childCounts, firstDuplicateIndex, type TreeNode, wouldCreateCycle } from './org.graph.ts';

//   ceo
//   ├── coo
//   │   └── cto
//   │       └── cio
//   └── cfo
const positions = new Map<string, string | null>([
  ['ceo', null],
  ['coo', 'ceo'],
  ['cfo', 'ceo'],
  ['cto', 'coo'],
  ['cio', 'cto'],
]);

describe('chainUp', () => {
  it('walks from a node to the root, the node first', () => {
    expect(chainUp('cio', positions)).toEqual(['cio', 'cto', 'coo', 'ceo']);
    expect(chainUp('ceo', positions)).toEqual(['ceo']);
  });

  it('is empty for an unknown node and stops at a dangling parent', () => {
    expect(chainUp('nobody', positions)).toEqual([]);
    expect(chainUp('a', new Map([['a', 'gone']]))).toEqual(['a']);
  });

  it('terminates on data that already holds a cycle', () => {
    const broken = new Map([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
    ]);
    expect(chainUp('a', broken)).toEqual(['a', 'b', 'c']);
  });
});

describe('wouldCreateCycle', () => {
  it.each<[string, string | null, boolean, string]>([
    ['coo', 'cio', true, 'under its own grandchild'],
    ['coo', 'cto', true, 'under its own child'],
    ['coo', 'coo', true, 'under itself'],
    ['cto', 'cfo', false, 'under a sibling branch'],
    ['cio', 'ceo', false, 'up to the root'],
    ['ceo', null, false, 'to no parent'],
    ['new', 'cio', false, 'a node not yet in the map'],
  ])('%s under %s: %s (%s)', (id, parent, expected, _why) => {
    expect(wouldCreateCycle(id, parent, positions)).toBe(expected);
  });

  it('is true exactly when the node is the new parent or one of its ancestors (property)', () => {
    // A random forest: node i's parent is a lower-numbered node or none, so it is acyclic.
    const forest = fc.array(fc.option(fc.nat(), { nil: null }), { minLength: 1, maxLength: 30 }).map((parents) => {
      const map = new Map<string, string | null>();
      parents.forEach((p, i) => {
        map.set(`n${i}`, p === null || i === 0 ? null : `n${p % i}`);
      });
      return map;
    });
    fc.assert(
      fc.property(forest, fc.nat(), fc.nat(), (map, a, b) => {
        const ids = [...map.keys()];
        const id = ids[a % ids.length]!;
        const parent = ids[b % ids.length]!;
        const ancestorsOfParent = new Set(chainUp(parent, map));
        expect(wouldCreateCycle(id, parent, map)).toBe(ancestorsOfParent.has(id));
        if (!wouldCreateCycle(id, parent, map)) {
          const moved = new Map(map).set(id, parent);
          expect(chainUp(id, moved).at(-1)).toSatisfy((root: string) => moved.get(root) === null);
        }
      }),
    );
  });
});

describe('buildForest', () => {
  const rows = [...positions].map(([id, parentId]) => ({ id, parentId, name: id.toUpperCase() }));
  const ids = (nodes: TreeNode<{ id: string }>[]): unknown =>
    nodes.map((n) => (n.children.length ? { [n.id]: ids(n.children) } : n.id));

  it('nests rows under their parents, keeping input order among siblings', () => {
    expect(ids(buildForest(rows))).toEqual([{ ceo: [{ coo: [{ cto: ['cio'] }] }, 'cfo'] }]);
  });

  it('keeps the row fields on each node', () => {
    expect(buildForest(rows)[0]).toMatchObject({ id: 'ceo', name: 'CEO', parentId: null });
  });

  it('makes rows with a missing parent into roots and leaves a cycle out', () => {
    const forest = buildForest([
      { id: 'orphan', parentId: 'gone' },
      { id: 'x', parentId: 'y' },
      { id: 'y', parentId: 'x' },
      { id: 'root', parentId: null },
    ]);
    expect(forest.map((n) => n.id)).toEqual(['orphan', 'root']);
  });

  it('puts every row of an acyclic forest in the tree exactly once (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.nat(), { nil: null }), { maxLength: 40 }), (parents) => {
        const input = parents.map((p, i) => ({ id: `n${i}`, parentId: p === null || i === 0 ? null : `n${p % i}` }));
        const seen: string[] = [];
        const walk = (nodes: TreeNode<{ id: string }>[]) => {
          for (const n of nodes) {
            seen.push(n.id);
            walk(n.children);
          }
        };
        walk(buildForest(input));
        expect(seen.sort()).toEqual(input.map((r) => r.id).sort());
      }),
    );
  });
});

describe('childCounts and firstDuplicateIndex', () => {
  it('counts direct children only', () => {
    const counts = childCounts([...positions].map(([, parentId]) => ({ parentId })));
    expect(Object.fromEntries(counts)).toEqual({ ceo: 2, coo: 1, cto: 1 });
  });

  it('names the first repeated value', () => {
    expect(firstDuplicateIndex(['a', 'b', 'c'])).toBe(-1);
    expect(firstDuplicateIndex(['a', 'b', 'a', 'b'])).toBe(2);
    expect(firstDuplicateIndex([])).toBe(-1);
  });
});

describe('thresholdProblem', () => {
  it.each([
    ['budget_increase', 'percent_of_bac', 10, null],
    ['budget_increase', 'amount', 50_000.5, null],
    ['budget_increase', 'days', 10, 'measure'],
    ['headcount', 'count', 3, null],
    ['headcount', 'count', 2.5, 'upTo'],
    ['risk_score', 'score', 15, null],
    ['risk_score', 'percent_of_bac', 15, 'measure'],
    ['schedule_change', 'days', 30, null],
    ['schedule_change', 'days', -1, 'upTo'],
    ['infrastructure', 'amount', 0, null],
  ] as const)('%s in %s up to %s -> %s', (subject, measure, upTo, field) => {
    expect(thresholdProblem(subject, measure, upTo)?.field ?? null).toBe(field);
  });
});
