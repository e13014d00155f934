/**
 * Approval requests and their routing by the PMO's delegation of authority. So far: the route a
 * change on a project travels (`routeForProject`), from the thresholds and the reporting line.
 */
export { APPROVER_LEVELS, LEVEL_NAMES, routeApproval } from './approvals.routing.ts';
export type { Approver, ReportingLine, RouteStep, Routing, RoutingInput, StepLevel, Threshold } from './approvals.routing.ts';
/** The route of a change on a project: `await routeForProject(db, projectId, { subject, size, requesterUserId })`. */
export { lineOfPmo, routeForProject, thresholdsForPmo } from './approvals.line.ts';
export type { ProjectChange } from './approvals.line.ts';
