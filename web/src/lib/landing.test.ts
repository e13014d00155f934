import { describe, expect, it } from 'vitest';
import { landingFor, pmosReportingTo } from './landing.ts';

describe('landingFor', () => {
  const base = { roles: [] as string[], pmoMemberships: [] as unknown[], positionIds: [] as string[] };
  it('sends PMO members to the PMO, executives to what reports to them, project managers to their projects', () => {
    expect(landingFor({ ...base, roles: ['pmo_lead'], pmoMemberships: [{ pmoId: 'p' }] })).toBe('pmo');
    expect(landingFor({ ...base, roles: ['executive'], positionIds: ['coo'] })).toBe('executive');
    expect(landingFor({ ...base, roles: ['project_manager'] })).toBe('projects');
    expect(landingFor({ ...base, roles: ['viewer'] })).toBe('overview');
  });
  it('takes the first hat that applies', () => {
    expect(landingFor({ roles: ['executive', 'project_manager'], pmoMemberships: [], positionIds: ['cto'] })).toBe('executive');
    expect(landingFor({ roles: ['project_manager'], pmoMemberships: [{}], positionIds: [] })).toBe('pmo');
    // An executive role without a position held has nothing reporting to it.
    expect(landingFor({ roles: ['executive', 'project_manager'], pmoMemberships: [], positionIds: [] })).toBe('projects');
  });
});

describe('pmosReportingTo', () => {
  const positions = [
    { id: 'ceo', reportsToPositionId: null },
    { id: 'coo', reportsToPositionId: 'ceo' },
    { id: 'cto', reportsToPositionId: 'ceo' },
  ];
  const pmos = [
    { id: 'epmo', reportsToPositionId: 'coo', parentPmoId: null },
    { id: 'tpmo', reportsToPositionId: 'cto', parentPmoId: 'epmo' },
    { id: 'fpmo', reportsToPositionId: 'cto', parentPmoId: null },
  ];
  it('follows the reporting line up the positions and down the nested PMOs', () => {
    expect(pmosReportingTo(['coo'], positions, pmos)).toEqual(new Set(['epmo', 'tpmo']));
    expect(pmosReportingTo(['cto'], positions, pmos)).toEqual(new Set(['tpmo', 'fpmo']));
    expect(pmosReportingTo(['ceo'], positions, pmos)).toEqual(new Set(['epmo', 'tpmo', 'fpmo']));
    expect(pmosReportingTo([], positions, pmos)).toEqual(new Set());
  });
  it('stops on a loop in the data instead of hanging', () => {
    const looped = [
      { id: 'a', reportsToPositionId: 'b' },
      { id: 'b', reportsToPositionId: 'a' },
    ];
    expect(pmosReportingTo(['x'], looped, [{ id: 'p', reportsToPositionId: 'a', parentPmoId: null }])).toEqual(new Set());
  });
});
