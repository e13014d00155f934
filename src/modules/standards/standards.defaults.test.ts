import { describe, expect, it } from 'vitest';
import { StandardDefinitionSchema } from './standards.definition.ts';
import { DEFAULT_STANDARDS } from './standards.defaults.ts';

describe('DEFAULT_STANDARDS', () => {
  it('offers three project types with distinct codes', () => {
    expect(DEFAULT_STANDARDS.map((s) => s.name)).toEqual([
      'IT system delivery',
      'Business change',
      'Infrastructure / engineering',
    ]);
    expect(new Set(DEFAULT_STANDARDS.map((s) => s.code)).size).toBe(3);
  });

  it.each(DEFAULT_STANDARDS.map((s) => [s.code, s] as const))('%s passes the schema unchanged', (_code, standard) => {
    const parsed = StandardDefinitionSchema.safeParse(standard.definition);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    // Nothing relies on a default: what is published is what is written here.
    expect(parsed.data).toEqual(standard.definition);
  });

  it.each(DEFAULT_STANDARDS.map((s) => [s.code, s.definition] as const))('%s is a realistic standard', (_code, d) => {
    expect(d.phases).toHaveLength(5);
    expect(d.gates).toHaveLength(4);
    for (const gate of d.gates) {
      expect(gate.criteria.some((c) => c.kind === 'must')).toBe(true);
      expect(gate.criteria.some((c) => c.kind === 'should')).toBe(true);
      expect(gate.deliverables.length).toBeGreaterThan(0);
      expect(gate.reviewerRoles).toContain('pmo_lead');
      expect(gate.quorum).toBeLessThanOrEqual(gate.reviewerRoles.length);
    }
    expect(d.tolerances.spi).toEqual({ amber: 0.95, red: 0.9 });
    expect(d.tolerances.cpi).toEqual({ amber: 0.95, red: 0.9 });
    expect(d.tolerances.budgetVariancePct).toEqual({ amber: 5, red: 10 });
    expect(d.reporting.escalateAfterDays).toBeGreaterThan(d.reporting.graceDays);
    expect(d.riskMatrix.bands.map((b) => b.name)).toEqual(['low', 'medium', 'high', 'critical']);
    expect(d.riskMatrix.escalationScore).toBe(15);
  });

  it('uses the IT tolerances of the brief', () => {
    expect(DEFAULT_STANDARDS[0]!.definition.tolerances.dateVarianceDays).toEqual({ amber: 10, red: 20 });
    expect(DEFAULT_STANDARDS[0]!.definition.phases.map((p) => p.key)).toEqual(['initiate', 'plan', 'build', 'deploy', 'close']);
  });
});

describe('StandardDefinitionSchema rules', () => {
  const base = () => structuredClone(DEFAULT_STANDARDS[0]!.definition);
  const issuesOf = (value: unknown) => {
    const r = StandardDefinitionSchema.safeParse(value);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('names the field of each broken rule', () => {
    const dupPhase = base();
    dupPhase.phases[1]!.key = 'initiate';
    expect(issuesOf(dupPhase)).toContain('phases.1.key: duplicate phase key initiate');

    const twoGates = base();
    twoGates.gates[1]!.afterPhase = 'initiate';
    expect(issuesOf(twoGates)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^gates.1.afterPhase: phase initiate already has/),
        'gates: phase plan has no gate after it',
      ]),
    );

    const dupCriterion = base();
    dupCriterion.gates[0]!.criteria[1]!.key = dupCriterion.gates[0]!.criteria[0]!.key;
    expect(issuesOf(dupCriterion)).toContain('gates.0.criteria.1.key: duplicate criterion key business-case');

    const redAboveAmber = base();
    redAboveAmber.tolerances.spi = { amber: 0.9, red: 0.95 };
    expect(issuesOf(redAboveAmber)).toContain('tolerances.spi.red: red must not be above amber');

    const bands = base();
    bands.riskMatrix.bands[2]!.minScore = 3;
    expect(issuesOf(bands)).toContain('riskMatrix.bands.2.minScore: bands must ascend');

    const quorum = base() as unknown as { gates: { quorum: number }[] };
    quorum.gates[0]!.quorum = 0;
    expect(issuesOf(quorum)[0]).toMatch(/^gates.0.quorum: /);
  });
});
