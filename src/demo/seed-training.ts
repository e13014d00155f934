/**
 * The demo's training and mentoring: the Enterprise PMO's course catalogue and which roles and
 * project types require each course, training records, certifications and mentorships.
 *
 * Dates are counted back from the day of seeding (not fixed like the rest of the demo), because
 * what this data shows is relative to today: pm@example.com is qualified for every project type,
 * most project managers for the types they manage, Piotr's safety refresher has expired, Hannah
 * has never taken the agile course, and a few completions expire within the next 90 days.
 */
import type { Actor } from '../kernel/actor.ts';
import { systemActor } from '../kernel/actor.ts';
import type { Tx } from '../kernel/db.ts';
import type { Role } from '../kernel/permissions.ts';
import {
  certifications,
  courseRequirements,
  courses,
  mentoringSessions,
  mentorships,
  trainingRecords,
} from '../kernel/schema.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { addDays, addMonths, defaultExpiry } from '../modules/training/index.ts';

export interface TrainingSeedIds {
  /** Person ids by the demo's person key (demo-data.ts PEOPLE). */
  personIds: ReadonlyMap<string, string>;
  /** PMO ids by code. */
  pmoIds: ReadonlyMap<string, string>;
  /** Project type ids by code. */
  typeIds: ReadonlyMap<string, string>;
  /** The day the dates count back from; today (UTC) unless given. */
  today?: string;
}

type TypeCode = 'IT-DELIVERY' | 'BUSINESS-CHANGE' | 'INFRASTRUCTURE';

interface DemoCourse {
  code: string;
  title: string;
  description: string;
  provider: string;
  durationHours: number;
  validityMonths: number | null;
  /** Roles that must complete it, for every project type (`null`) or for one. */
  requiredFor: { role: Role; type: TypeCode | null }[];
}

export const DEMO_COURSES: DemoCourse[] = [
  {
    code: 'PMF-101',
    title: 'Tollgate PM Foundations',
    description: 'The group project lifecycle, tollgates, status reporting, tolerances and the change process.',
    provider: 'Enterprise PMO',
    durationHours: 16,
    validityMonths: 36,
    requiredFor: [{ role: 'project_manager', type: null }],
  },
  {
    code: 'AGL-201',
    title: 'Agile Delivery Practitioner',
    description: 'Iterative delivery inside a stage-gated lifecycle: backlogs, increments, release planning and reporting.',
    provider: 'Northwind Academy',
    durationHours: 24,
    validityMonths: 24,
    requiredFor: [{ role: 'project_manager', type: 'IT-DELIVERY' }],
  },
  {
    code: 'CHG-201',
    title: 'Change Management Essentials',
    description: 'Stakeholder analysis, change impact, readiness and adoption for business change projects.',
    provider: 'Northwind Academy',
    durationHours: 16,
    validityMonths: 36,
    requiredFor: [{ role: 'project_manager', type: 'BUSINESS-CHANGE' }],
  },
  {
    code: 'ENG-210',
    title: 'Engineering Safety & Compliance',
    description: 'Site safety, permits to work, CDM duties and regulatory compliance on engineering projects. Annual refresher.',
    provider: 'SafeWorks Training Ltd',
    durationHours: 12,
    validityMonths: 12,
    requiredFor: [{ role: 'project_manager', type: 'INFRASTRUCTURE' }],
  },
  {
    code: 'RSK-220',
    title: 'Risk Management in Practice',
    description: 'Identifying, scoring and responding to risks on the PMO matrix; escalation and issue handling.',
    provider: 'Enterprise PMO',
    durationHours: 8,
    validityMonths: 36,
    requiredFor: [],
  },
  {
    code: 'EVM-301',
    title: 'Earned Value Management',
    description: 'Baselines, PV/EV/AC, SPI and CPI, forecasts (EAC, ETC, TCPI) and reading the numbers behind a RAG status.',
    provider: 'Enterprise PMO',
    durationHours: 8,
    validityMonths: null,
    requiredFor: [],
  },
  {
    code: 'STK-230',
    title: 'Stakeholder Management & Communication',
    description: 'Mapping stakeholders, communication plans and steering committee reporting.',
    provider: 'Northwind Academy',
    durationHours: 8,
    validityMonths: null,
    requiredFor: [],
  },
  {
    code: 'PMO-100',
    title: 'PMO Analyst Onboarding',
    description: 'The PMO toolkit: intake, review queue, report assurance, compliance rules and the audit trail.',
    provider: 'Enterprise PMO',
    durationHours: 12,
    validityMonths: null,
    requiredFor: [{ role: 'pmo_analyst', type: null }],
  },
];

/**
 * Completions per person: course code -> months before today it was completed. Chosen so that
 * pm holds everything; lena's agile course and victor's safety refresher expire within 90 days;
 * piotr's safety refresher has expired; hannah never took the agile course she needs for IT.
 */
const COMPLETIONS: Record<string, Record<string, number>> = {
  pm: { 'PMF-101': 14, 'AGL-201': 9, 'CHG-201': 20, 'ENG-210': 4, 'RSK-220': 14, 'EVM-301': 30 },
  lena: { 'PMF-101': 26, 'AGL-201': 22, 'RSK-220': 12 },
  carlos: { 'PMF-101': 18, 'AGL-201': 11 },
  grace: { 'PMF-101': 10, 'CHG-201': 10, 'EVM-301': 24 },
  piotr: { 'PMF-101': 20, 'ENG-210': 14 },
  hannah: { 'PMF-101': 8, 'CHG-201': 15, 'STK-230': 6 },
  yusuf: { 'PMF-101': 16, 'AGL-201': 5 },
  emma: { 'PMF-101': 12, 'CHG-201': 12, 'STK-230': 12 },
  victor: { 'PMF-101': 22, 'ENG-210': 11, 'RSK-220': 22 },
  nadia: { 'PMF-101': 6, 'CHG-201': 6 },
  pmolead: { 'PMF-101': 30, 'RSK-220': 28, 'EVM-301': 40, 'STK-230': 40 },
  pmoanalyst: { 'PMO-100': 18, 'PMF-101': 17, 'EVM-301': 15 },
  proglead: { 'PMF-101': 25, 'AGL-201': 13 },
  proganalyst: { 'PMO-100': 9, 'PMF-101': 8 },
};

/** One expired agile completion of piotr's and an earlier, superseded foundations one of pm's, for history. */
const EARLIER_COMPLETIONS: { person: string; course: string; monthsAgo: number }[] = [
  { person: 'pm', course: 'PMF-101', monthsAgo: 50 },
  { person: 'piotr', course: 'AGL-201', monthsAgo: 40 },
];

const CERTIFICATIONS: {
  person: string;
  name: string;
  issuer: string;
  credentialId: string;
  monthsAgo: number;
  validMonths: number | null;
}[] = [
  {
    person: 'pm',
    name: 'PMP',
    issuer: 'Project Management Institute',
    credentialId: 'PMP-3318842',
    monthsAgo: 28,
    validMonths: 36,
  },
  {
    person: 'pm',
    name: 'PMI-ACP',
    issuer: 'Project Management Institute',
    credentialId: 'ACP-2207719',
    monthsAgo: 16,
    validMonths: 36,
  },
  {
    person: 'lena',
    name: 'PRINCE2 Practitioner',
    issuer: 'PeopleCert (AXELOS)',
    credentialId: 'P2P-GB-0458812',
    monthsAgo: 30,
    validMonths: 36,
  },
  {
    person: 'yusuf',
    name: 'PMI-ACP',
    issuer: 'Project Management Institute',
    credentialId: 'ACP-2519034',
    monthsAgo: 10,
    validMonths: 36,
  },
  {
    person: 'grace',
    name: 'PRINCE2 Practitioner',
    issuer: 'PeopleCert (AXELOS)',
    credentialId: 'P2P-GB-0390127',
    monthsAgo: 40,
    validMonths: 36,
  },
  {
    person: 'pmolead',
    name: 'PMP',
    issuer: 'Project Management Institute',
    credentialId: 'PMP-1984410',
    monthsAgo: 20,
    validMonths: 36,
  },
];

const MENTORSHIPS: {
  pmo: string;
  mentor: string;
  mentee: string;
  goals: string;
  monthsAgo: number;
  sessions: { daysAfterStart: number; notes: string }[];
}[] = [
  {
    pmo: 'EPMO',
    mentor: 'pmolead',
    mentee: 'hannah',
    goals: 'Prepare Hannah to lead IT delivery projects: agile certification, release planning, vendor management.',
    monthsAgo: 5,
    sessions: [
      {
        daysAfterStart: 7,
        notes: 'Reviewed the CRM consolidation hold. Agreed Hannah books Agile Delivery Practitioner before her next IT project.',
      },
      {
        daysAfterStart: 42,
        notes: 'Walked through the IT delivery standard: build/deploy gate criteria and the evidence reviewers expect.',
      },
      { daysAfterStart: 90, notes: 'Practised a steering committee update on the compliance programme; tighter RAG narrative.' },
    ],
  },
  {
    pmo: 'TPMO',
    mentor: 'proglead',
    mentee: 'yusuf',
    goals: 'Grow Yusuf into programme-level delivery: dependency management across the data platform and regulatory reporting.',
    monthsAgo: 8,
    sessions: [
      {
        daysAfterStart: 10,
        notes: 'Mapped dependencies between the data platform and regulatory reporting; agreed a shared milestone plan.',
      },
      {
        daysAfterStart: 70,
        notes: 'Earned value review of DTX-003: CPI slipping on cloud costs, prepared a forecast for the PMO.',
      },
    ],
  },
  {
    pmo: 'EPMO',
    mentor: 'pm',
    mentee: 'carlos',
    goals: 'Share practice on large rollouts: cut-over planning, hypercare and benefits tracking for the warehouse system.',
    monthsAgo: 3,
    sessions: [
      {
        daysAfterStart: 5,
        notes: 'Cut-over rehearsal checklist from the customer portal replatforming, adapted for the WMS go-live.',
      },
      {
        daysAfterStart: 35,
        notes: 'Benefits register: turned the WMS business case into measurable benefits with owners and dates.',
      },
    ],
  },
];

function lookup<T>(map: ReadonlyMap<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo data: no ${what} ${key}`);
  return value;
}

/** Seeds the catalogue, records, certifications and mentorships, each with its audit event. */
export async function seedTraining(tx: Tx, ids: TrainingSeedIds, actor: Actor = systemActor('seed')): Promise<void> {
  const today = ids.today ?? new Date().toISOString().slice(0, 10);
  const monthsAgo = (n: number) => addMonths(today, -n);
  const person = (key: string) => lookup(ids.personIds, key, 'person');
  const audit = (entityType: string, entityId: string, action: string, after: unknown) =>
    recordAudit(tx, actor, { entityType, entityId, action, after });

  const enterprisePmoId = lookup(ids.pmoIds, 'EPMO', 'PMO');
  const courseRows = await tx
    .insert(courses)
    .values(
      DEMO_COURSES.map((c) => ({
        pmoId: enterprisePmoId,
        code: c.code,
        title: c.title,
        description: c.description,
        provider: c.provider,
        durationHours: c.durationHours,
        validityMonths: c.validityMonths,
      })),
    )
    .returning();
  const courseByCode = new Map(courseRows.map((c) => [c.code, c]));
  const requirementRows = DEMO_COURSES.flatMap((c) =>
    c.requiredFor.map((r) => ({
      courseId: lookup(courseByCode, c.code, 'course').id,
      role: r.role,
      projectTypeId: r.type === null ? null : lookup(ids.typeIds, r.type, 'project type'),
    })),
  );
  await tx.insert(courseRequirements).values(requirementRows);
  for (const row of courseRows) {
    const requirements = requirementRows
      .filter((r) => r.courseId === row.id)
      .map(({ role, projectTypeId }) => ({ role, projectTypeId }));
    await audit('course', row.id, 'course.created', { ...row, requirements });
  }

  const completions = [
    ...EARLIER_COMPLETIONS,
    ...Object.entries(COMPLETIONS).flatMap(([key, list]) =>
      Object.entries(list).map(([course, months]) => ({ person: key, course, monthsAgo: months })),
    ),
  ];
  const recordRows = await tx
    .insert(trainingRecords)
    .values(
      completions.map((c) => {
        const course = lookup(courseByCode, c.course, 'course');
        const completedOn = monthsAgo(c.monthsAgo);
        return {
          personId: person(c.person),
          courseId: course.id,
          completedOn,
          expiresOn: defaultExpiry(completedOn, course.validityMonths),
          evidence: `LMS-${c.course}-${c.person.toUpperCase()}-${completedOn.replaceAll('-', '')}`,
          recordedBy: actor.email,
        };
      }),
    )
    .returning();
  for (const row of recordRows) await audit('training_record', row.id, 'training_record.created', row);

  const certificationRows = await tx
    .insert(certifications)
    .values(
      CERTIFICATIONS.map((c) => {
        const obtainedOn = monthsAgo(c.monthsAgo);
        return {
          personId: person(c.person),
          name: c.name,
          issuer: c.issuer,
          credentialId: c.credentialId,
          obtainedOn,
          expiresOn: c.validMonths === null ? null : addMonths(obtainedOn, c.validMonths),
          evidence: `https://certifications.example.com/verify/${c.credentialId}`,
        };
      }),
    )
    .returning();
  for (const row of certificationRows) await audit('certification', row.id, 'certification.created', row);

  for (const m of MENTORSHIPS) {
    const startedOn = monthsAgo(m.monthsAgo);
    const [row] = await tx
      .insert(mentorships)
      .values({
        pmoId: lookup(ids.pmoIds, m.pmo, 'PMO'),
        mentorId: person(m.mentor),
        menteeId: person(m.mentee),
        goals: m.goals,
        startedOn,
      })
      .returning();
    await audit('mentorship', row!.id, 'mentorship.created', row);
    const sessions = await tx
      .insert(mentoringSessions)
      .values(
        m.sessions.map((s) => ({
          mentorshipId: row!.id,
          heldOn: addDays(startedOn, s.daysAfterStart),
          notes: s.notes,
          recordedBy: actor.email,
        })),
      )
      .returning();
    for (const s of sessions) await audit('mentorship', row!.id, 'mentorship.session_recorded', s);
  }
}
