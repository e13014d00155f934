/** What a signed-in person lands on, and what reports to an executive. Pure: tested in node. */

/** The part of the overview that comes first for the caller. */
export type Landing = 'pmo' | 'executive' | 'projects' | 'overview';

/**
 * A PMO member lands on the PMO's work, an executive on what reports to them, a project manager
 * on their projects and requests; anyone else on the overview. A person with several hats gets
 * the first of those that applies.
 */
export function landingFor(me: {
  roles: readonly string[];
  pmoMemberships: readonly unknown[];
  positionIds: readonly string[];
}): Landing {
  if (me.pmoMemberships.length > 0) return 'pmo';
  if (me.roles.includes('executive') && me.positionIds.length > 0) return 'executive';
  if (me.roles.includes('project_manager')) return 'projects';
  return 'overview';
}

/**
 * The PMOs that report to the holder of `positionIds`: a PMO reports to an executive position,
 * positions report up to the CEO, and PMOs nest; a PMO counts when its line passes through one
 * of the positions, or when a PMO above it does (the rule the API applies to visibility).
 */
export function pmosReportingTo(
  positionIds: readonly string[],
  positions: readonly { id: string; reportsToPositionId: string | null }[],
  pmos: readonly { id: string; reportsToPositionId: string; parentPmoId: string | null }[],
): Set<string> {
  const held = new Set(positionIds);
  const parentOf = new Map(positions.map((p) => [p.id, p.reportsToPositionId]));
  const lineReaches = (positionId: string | null): boolean => {
    const seen = new Set<string>();
    for (let at = positionId; at && !seen.has(at); at = parentOf.get(at) ?? null) {
      if (held.has(at)) return true;
      seen.add(at);
    }
    return false;
  };
  const byId = new Map(pmos.map((p) => [p.id, p]));
  const reports = (pmo: (typeof pmos)[number], seen = new Set<string>()): boolean => {
    if (lineReaches(pmo.reportsToPositionId)) return true;
    if (!pmo.parentPmoId || seen.has(pmo.id)) return false;
    seen.add(pmo.id);
    const parent = byId.get(pmo.parentPmoId);
    return parent ? reports(parent, seen) : false;
  };
  return new Set(pmos.filter((p) => reports(p)).map((p) => p.id));
}
