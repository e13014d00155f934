import { describe, expect, it } from 'vitest';
import { DEFAULT_STANDARDS } from './standards.defaults.ts';
import { diffDefinitions } from './standards.diff.ts';

const base = () => structuredClone(DEFAULT_STANDARDS[0]!.definition);

describe('diffDefinitions', () => {
  it('finds nothing between equal definitions', () => {
    expect(diffDefinitions(base(), base())).toEqual([]);
  });

  it('names changed scalars by path, keyed lists by key', () => {
    const after = base();
    after.tolerances.cpi.amber = 0.97;
    after.gates[1]!.quorum = 3;
    after.gates[1]!.criteria[0]!.text = 'Baseline agreed';
    // In the order of the definition: gates before tolerances, a gate's criteria before its quorum.
    expect(diffDefinitions(base(), after)).toEqual([
      {
        path: 'gates.g2-approve-build.criteria.baseline.text',
        change: 'changed',
        before: expect.any(String),
        after: 'Baseline agreed',
      },
      { path: 'gates.g2-approve-build.quorum', change: 'changed', before: 2, after: 3 },
      { path: 'tolerances.cpi.amber', change: 'changed', before: 0.95, after: 0.97 },
    ]);
  });

  it('reports added and removed items by key, not as a cascade of index changes', () => {
    const after = base();
    after.gates[0]!.criteria.splice(0, 0, {
      key: 'privacy',
      text: 'A privacy impact assessment is done',
      kind: 'must',
      weight: 1,
    });
    after.gates[2]!.deliverables = after.gates[2]!.deliverables.filter((d) => d.key !== 'release-notes');
    const changes = diffDefinitions(base(), after);
    expect(changes.map((c) => `${c.change} ${c.path}`)).toEqual([
      'added gates.g1-approve-planning.criteria.privacy',
      'removed gates.g3-ready-for-test.deliverables.release-notes',
    ]);
    expect(changes[0]!.after).toMatchObject({ key: 'privacy', kind: 'must' });
  });

  it('reports a reordering of keyed items', () => {
    const after = base();
    const [a, b] = after.phases;
    after.phases[0] = b!;
    after.phases[1] = a!;
    expect(diffDefinitions(base(), after)).toEqual([
      {
        path: 'phases',
        change: 'reordered',
        before: ['initiate', 'plan', 'build', 'deploy', 'close'],
        after: ['plan', 'initiate', 'build', 'deploy', 'close'],
      },
    ]);
  });

  it('compares lists of plain values whole', () => {
    const after = base();
    after.gates[0]!.reviewerRoles = ['pmo_lead', 'executive'];
    after.reporting.ragDimensions = ['schedule', 'cost'];
    expect(diffDefinitions(base(), after)).toEqual([
      {
        path: 'gates.g1-approve-planning.reviewerRoles',
        change: 'changed',
        before: ['pmo_lead', 'pmo_analyst'],
        after: ['pmo_lead', 'executive'],
      },
      {
        path: 'reporting.ragDimensions',
        change: 'changed',
        before: ['schedule', 'cost', 'scope', 'quality', 'risk', 'resources'],
        after: ['schedule', 'cost'],
      },
    ]);
  });

  it('compares unkeyed object lists by index, and fields that appear or vanish', () => {
    const after = base();
    after.riskMatrix.bands[3]!.minScore = 16;
    after.riskMatrix.bands.push({ name: 'extreme', minScore: 21, color: '#000' });
    const before = { ...base(), extra: 1 };
    expect(diffDefinitions(before, after)).toEqual([
      { path: 'riskMatrix.bands.3.minScore', change: 'changed', before: 15, after: 16 },
      { path: 'riskMatrix.bands.4', change: 'added', after: { name: 'extreme', minScore: 21, color: '#000' } },
      { path: 'extra', change: 'removed', before: 1 },
    ]);
  });

  it('treats a type change as a change', () => {
    expect(diffDefinitions({ a: [1] }, { a: { b: 1 } })).toEqual([
      { path: 'a', change: 'changed', before: [1], after: { b: 1 } },
    ]);
    expect(diffDefinitions({ a: null }, { a: 0 })).toEqual([{ path: 'a', change: 'changed', before: null, after: 0 }]);
  });
});
