import {
  type CostLine,
  type InitiationRequest,
  type KnownRisk,
  type RequestContent,
  type SkillDemand,
  monthsFrom,
} from '../../api/requests.ts';

/** The multi-step form's values: what antd's Form holds while the requester types. */
export interface RequestFormValues {
  title?: string;
  problem?: string;
  objectives?: (string | undefined)[];
  benefits?: { description?: string; amount?: number | null }[];
  projectTypeId?: string | null;
  pmoId?: string | null;
  sponsorId?: string | null;
  dependencies?: { projectId?: string | null; note?: string }[];
  /** ISO day, 2027-03-01. */
  wantedStart?: string | null;
  durationMonths?: number | null;
  /** Amount per month, keyed "2027-01". */
  cost?: Record<string, number | null | undefined>;
  /** One row per skill, FTE per month. */
  skills?: { skillId?: string | null; fte?: Record<string, number | null | undefined> }[];
  knownRisks?: { title?: string; probability?: number | null; impact?: number | null; response?: string | null }[];
}

export const STEPS = [
  { key: 'basics', title: 'Basics' },
  { key: 'governance', title: 'Governance' },
  { key: 'plan', title: 'Plan & cost' },
  { key: 'people', title: 'People & skills' },
  { key: 'risks', title: 'Risks' },
  { key: 'attachments', title: 'Attachments' },
  { key: 'review', title: 'Review & submit' },
] as const;

/** The step that holds each API field, for the submit's missing-field list. */
const STEP_OF_FIELD: Record<string, number> = {
  title: 0,
  problem: 0,
  objectives: 0,
  benefits: 0,
  projectTypeId: 1,
  pmoId: 1,
  sponsorId: 1,
  dependencies: 1,
  wantedStart: 2,
  durationMonths: 2,
  costEstimate: 2,
  skillDemand: 3,
  knownRisks: 4,
  file: 5,
};

export function stepOfField(field: string): number {
  return STEP_OF_FIELD[field.split('.')[0] ?? ''] ?? STEPS.length - 1;
}

/** How the API's field names read in the missing-field list. */
export const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  problem: 'Problem',
  objectives: 'Objectives',
  benefits: 'Expected benefits',
  projectTypeId: 'Project type',
  pmoId: 'Target PMO',
  sponsorId: 'Sponsor',
  dependencies: 'Dependencies',
  wantedStart: 'Wanted start',
  durationMonths: 'Duration',
  costEstimate: 'Cost estimate by month',
  skillDemand: 'Skills and FTE',
  knownRisks: 'Known risks',
};

/** The form field an API field is shown under (the cost grid is one API list, many inputs). */
export function formNameOf(field: string): (string | number)[] | null {
  const parts = field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const top = parts[0];
  if (top === 'costEstimate' || top === 'skillDemand') return null;
  return parts;
}

/** A request as the form holds it. */
export function toFormValues(r: InitiationRequest): RequestFormValues {
  const cost: Record<string, number> = {};
  for (const line of r.costEstimate) cost[line.month] = line.amount;
  const bySkill = new Map<string, Record<string, number>>();
  for (const d of r.skillDemand) {
    const row = bySkill.get(d.skillId) ?? {};
    row[d.month] = d.fte;
    bySkill.set(d.skillId, row);
  }
  return {
    title: r.title,
    problem: r.problem,
    objectives: r.objectives,
    benefits: r.benefits.map((b) => ({ description: b.description, amount: b.amount })),
    projectTypeId: r.projectType?.id ?? null,
    pmoId: r.pmo?.id ?? null,
    sponsorId: r.sponsor?.id ?? null,
    dependencies: r.dependencies.map((d) => ({ projectId: d.projectId, note: d.note })),
    wantedStart: r.wantedStart ?? null,
    durationMonths: r.durationMonths,
    cost,
    skills: [...bySkill.entries()].map(([skillId, fte]) => ({ skillId, fte })),
    knownRisks: r.knownRisks.map((k) => ({ ...k, response: k.response ?? null })),
  };
}

const filled = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

/**
 * What the autosave sends: every field, minus the rows that are not yet complete or valid (they
 * stay in the form, flagged by its rules, and are saved once they are). The title is left out
 * while it is empty, since a request always has one.
 */
export function toContent(v: RequestFormValues): RequestContent {
  const months = monthsFrom(v.wantedStart ?? null, v.durationMonths);
  const inPlan = new Set(months);
  const costEstimate: CostLine[] = months
    .map((month) => ({ month, amount: v.cost?.[month] }))
    .filter((l): l is CostLine => filled(l.amount) && l.amount >= 0);
  const skillDemand: SkillDemand[] = [];
  const seenSkills = new Set<string>();
  for (const row of v.skills ?? []) {
    if (!row?.skillId || seenSkills.has(row.skillId)) continue;
    seenSkills.add(row.skillId);
    for (const [month, fte] of Object.entries(row.fte ?? {})) {
      if (inPlan.has(month) && filled(fte) && fte > 0 && fte <= 20) skillDemand.push({ skillId: row.skillId, month, fte });
    }
  }
  const knownRisks: KnownRisk[] = (v.knownRisks ?? [])
    .filter((k) => k?.title?.trim() && filled(k.probability) && filled(k.impact))
    .map((k) => ({
      title: (k.title as string).trim(),
      probability: k.probability as number,
      impact: k.impact as number,
      response: k.response?.trim() || null,
    }));
  const seenProjects = new Set<string>();
  const dependencies = (v.dependencies ?? [])
    .filter((d) => d?.projectId && !seenProjects.has(d.projectId) && seenProjects.add(d.projectId))
    .map((d) => ({ projectId: d.projectId as string, note: d.note?.trim() ?? '' }));
  const content: RequestContent = {
    problem: v.problem ?? '',
    objectives: (v.objectives ?? []).map((o) => o?.trim() ?? '').filter(Boolean),
    benefits: (v.benefits ?? [])
      .filter((b) => b?.description?.trim())
      .map((b) => ({ description: (b.description as string).trim(), amount: filled(b.amount) ? b.amount : null })),
    projectTypeId: v.projectTypeId ?? null,
    pmoId: v.pmoId ?? null,
    sponsorId: v.sponsorId ?? null,
    dependencies,
    wantedStart: v.wantedStart || null,
    durationMonths: filled(v.durationMonths) && v.durationMonths >= 1 && v.durationMonths <= 240 ? v.durationMonths : null,
    costEstimate,
    skillDemand,
    knownRisks,
  };
  const title = v.title?.trim();
  if (title) content.title = title;
  return content;
}

/** Only the fields that differ from what was last saved (a stable JSON comparison per field). */
export function changedContent(next: RequestContent, saved: RequestContent | null): RequestContent {
  if (!saved) return next;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (JSON.stringify(value) !== JSON.stringify((saved as Record<string, unknown>)[key])) out[key] = value;
  }
  return out as RequestContent;
}
