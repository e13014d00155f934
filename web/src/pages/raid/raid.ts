/**
 * The risk and issue registers as the project page shows them, as pure functions of the API's
 * replies: the heat map's rows, the scale labels, the live score of a risk being edited, the
 * bodies the forms send, and who may keep the registers when neither holds a record yet.
 */
import type { Schemas } from '../../api/openapi.ts';
import { type RiskBand, bandFor } from '../../lib/riskGrid.ts';

export type Risk = Schemas['Risk'];
export type RiskDetail = Schemas['RiskDetail'];
export type RiskAssessment = Schemas['RiskAssessment'];
export type Issue = Schemas['Issue'];
export type RiskMatrix = Schemas['ProjectRiskMatrix'];
export type CreateRiskInput = Schemas['CreateRiskInput'];
export type UpdateRiskInput = Schemas['UpdateRiskInput'];
export type OccurRiskInput = Schemas['OccurRiskInput'];
export type CreateIssueInput = Schemas['CreateIssueInput'];
export type UpdateIssueInput = Schemas['UpdateIssueInput'];

export type RiskResponse = Risk['response'];
export type RiskStatus = Risk['status'];
export type IssueSeverity = Issue['severity'];
export type IssueStatus = Issue['status'];
export type ThreePoint = NonNullable<Risk['costImpact']>;

export const RISK_RESPONSES: readonly { value: RiskResponse; label: string }[] = [
  { value: 'avoid', label: 'Avoid' },
  { value: 'mitigate', label: 'Mitigate' },
  { value: 'transfer', label: 'Transfer' },
  { value: 'accept', label: 'Accept' },
  { value: 'escalate', label: 'Escalate' },
];
export const RISK_STATUS_LABEL: Record<RiskStatus, string> = { open: 'Open', closed: 'Closed', occurred: 'Occurred' };
export const ISSUE_SEVERITIES: readonly { value: IssueSeverity; label: string }[] = [
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High' },
  { value: 'critical', label: 'Critical' },
];
export const ISSUE_STATUS_LABEL: Record<IssueStatus, string> = { open: 'Open', resolved: 'Resolved', closed: 'Closed' };

/** Categories offered while typing one; any other text is a category too. */
export const RISK_CATEGORIES = [
  'Technical',
  'Schedule',
  'Cost',
  'Resources',
  'Supplier',
  'Scope',
  'Regulatory',
  'Organisational',
  'Security',
];

export const responseLabel = (r: RiskResponse) => RISK_RESPONSES.find((x) => x.value === r)?.label ?? r;
export const severityLabel = (s: IssueSeverity) => ISSUE_SEVERITIES.find((x) => x.value === s)?.label ?? s;

/** A point of a scale as the pickers and the heat map write it: "1 · Rare (<10 %)". */
export function scaleLabel(labels: readonly string[], value: number): string {
  const label = labels[value - 1];
  return label ? `${value} · ${label}` : String(value);
}

/** The options of a probability or impact picker, from the matrix's labels. */
export function scaleOptions(labels: readonly string[]): { value: number; label: string }[] {
  return labels.map((_, i) => ({ value: i + 1, label: scaleLabel(labels, i + 1) }));
}

export interface LiveScore {
  score: number;
  band: RiskBand | null;
  /** At or above the escalation score, or escalated by its response. */
  escalates: boolean;
}

/** The score, band and escalation a risk will have once saved, as the server scores it (raid.scoring.ts). */
export function liveScore(
  matrix: Pick<RiskMatrix, 'bands' | 'escalationScore'>,
  probability: number | null | undefined,
  impact: number | null | undefined,
  response?: RiskResponse | null,
): LiveScore | null {
  if (!probability || !impact) return null;
  const score = probability * impact;
  return { score, band: bandFor(score, matrix.bands), escalates: score >= matrix.escalationScore || response === 'escalate' };
}

export interface HeatCell {
  probability: number;
  impact: number;
  score: number;
  band: RiskBand | null;
  /** Open risks in the cell. */
  open: number;
}

/**
 * The heat map as it is drawn: a row per probability from the highest down, a column per impact
 * from 1 up (the top-right corner is the worst), each cell with its band and open risks.
 */
export function heatRows(matrix: RiskMatrix): HeatCell[][] {
  const open = new Map(matrix.cells.map((c) => [`${c.probability}:${c.impact}`, c.open]));
  const rows: HeatCell[][] = [];
  for (let probability = matrix.probabilityLabels.length; probability >= 1; probability--) {
    rows.push(
      matrix.impactLabels.map((_, i) => {
        const impact = i + 1;
        const score = probability * impact;
        return {
          probability,
          impact,
          score,
          band: bandFor(score, matrix.bands),
          open: open.get(`${probability}:${impact}`) ?? 0,
        };
      }),
    );
  }
  return rows;
}

/** A cell of the heat map chosen to filter the register. */
export interface CellFilter {
  probability: number;
  impact: number;
}

/** The open risks of a heat map cell: what its count counts. */
export function inCell(risks: readonly Risk[], cell: CellFilter): Risk[] {
  return risks.filter((r) => r.status === 'open' && r.probability === cell.probability && r.impact === cell.impact);
}

/** A three-point estimate as the form holds it: each point may still be empty. */
export interface ThreePointValues {
  min?: number | null;
  likely?: number | null;
  max?: number | null;
}

const isSet = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** The estimate to send: null when every point is empty (a partly filled one is stopped by the form). */
export function threePoint(values: ThreePointValues | null | undefined): ThreePoint | null {
  if (!values || !isSet(values.min) || !isSet(values.likely) || !isSet(values.max)) return null;
  return { min: values.min, likely: values.likely, max: values.max };
}

/** Whether some, but not all, points of an estimate are filled in. */
export function partlyFilled(values: ThreePointValues | null | undefined): boolean {
  const filled = [values?.min, values?.likely, values?.max].filter(isSet).length;
  return filled > 0 && filled < 3;
}

export interface RiskActionValues {
  text?: string;
  ownerPersonId?: string | null;
  dueOn?: string | null;
  doneOn?: string | null;
}

/** What the risk form holds. */
export interface RiskValues {
  title: string;
  category: string;
  probability: number;
  impact: number;
  response: RiskResponse;
  ownerPersonId?: string | null;
  cause?: string | null;
  effect?: string | null;
  description?: string | null;
  costImpact?: ThreePointValues | null;
  scheduleImpactDays?: ThreePointValues | null;
  actions?: RiskActionValues[];
  assessmentNote?: string | null;
}

/** Trimmed text, or null when nothing is left. */
export const textOrNull = (v: string | null | undefined): string | null => {
  const t = (v ?? '').trim();
  return t ? t : null;
};

/** The body of POST /risks for the form's values (also the fields of a PATCH). */
export function riskBody(
  v: RiskValues,
): CreateRiskInput & { costImpact: ThreePoint | null; scheduleImpactDays: ThreePoint | null } {
  return {
    title: v.title.trim(),
    category: v.category.trim(),
    probability: v.probability,
    impact: v.impact,
    response: v.response,
    ownerPersonId: v.ownerPersonId ?? null,
    cause: textOrNull(v.cause),
    effect: textOrNull(v.effect),
    description: textOrNull(v.description),
    costImpact: threePoint(v.costImpact),
    scheduleImpactDays: threePoint(v.scheduleImpactDays),
    actions: (v.actions ?? [])
      .filter((a) => textOrNull(a.text))
      .map((a) => ({
        text: (a.text ?? '').trim(),
        ownerPersonId: a.ownerPersonId ?? null,
        dueOn: a.dueOn ?? null,
        doneOn: a.doneOn ?? null,
      })),
  };
}

/** The body of PATCH /risks/{id}: every field with the version, and the note when it is a reassessment. */
export function riskUpdateBody(v: RiskValues, before: Risk): UpdateRiskInput {
  const reassessed = v.probability !== before.probability || v.impact !== before.impact;
  return {
    ...riskBody(v),
    version: before.version,
    ...(reassessed ? { assessmentNote: textOrNull(v.assessmentNote) } : {}),
  };
}

/** The form's values for a risk being edited. */
export function riskValues(r: Risk): RiskValues {
  return {
    title: r.title,
    category: r.category,
    probability: r.probability,
    impact: r.impact,
    response: r.response,
    ownerPersonId: r.owner?.id ?? null,
    cause: r.cause,
    effect: r.effect,
    description: r.description,
    costImpact: r.costImpact,
    scheduleImpactDays: r.scheduleImpactDays,
    actions: r.actions.map((a) => ({ text: a.text, ownerPersonId: a.owner?.id ?? null, dueOn: a.dueOn, doneOn: a.doneOn })),
  };
}

/** A three-point estimate in words: "10,000 / 25,000 / 60,000" written by `format`. */
export function threePointText(range: ThreePoint | null, format: (n: number) => string): string {
  if (!range) return '—';
  return `${format(range.min)} minimum · ${format(range.likely)} most likely · ${format(range.max)} maximum`;
}

/** The queries a write to the registers changes: both lists, every record, the heat map. */
export const raidPaths = (projectId: string) => [
  `/projects/${projectId}/risks`,
  `/projects/${projectId}/issues`,
  `/projects/${projectId}/risk-matrix`,
];
