import type { StandardDefinition } from './standards.definition.ts';

/**
 * Three realistic standards a new PMO can start from (and the demo seed installs). Pure data:
 * each one must pass StandardDefinitionSchema, which standards.defaults.test.ts checks.
 */

/** The usual 5×5 matrix: low 1–4, medium 5–9, high 10–14, critical 15–25; critical risks go to the PMO. */
const RISK_MATRIX_5X5: StandardDefinition['riskMatrix'] = {
  probabilityLabels: ['Rare (<10 %)', 'Unlikely (10–30 %)', 'Possible (30–50 %)', 'Likely (50–80 %)', 'Almost certain (>80 %)'],
  impactLabels: ['Negligible', 'Minor', 'Moderate', 'Major', 'Severe'],
  bands: [
    { name: 'low', minScore: 1, color: '#52c41a' },
    { name: 'medium', minScore: 5, color: '#faad14' },
    { name: 'high', minScore: 10, color: '#fa8c16' },
    { name: 'critical', minScore: 15, color: '#f5222d' },
  ],
  escalationScore: 15,
};

const ALL_DIMENSIONS: StandardDefinition['reporting']['ragDimensions'] = [
  'schedule',
  'cost',
  'scope',
  'quality',
  'risk',
  'resources',
];

const STANDARD_TOLERANCES: StandardDefinition['tolerances'] = {
  spi: { amber: 0.95, red: 0.9 },
  cpi: { amber: 0.95, red: 0.9 },
  budgetVariancePct: { amber: 5, red: 10 },
  dateVarianceDays: { amber: 10, red: 20 },
};

const itSystemDelivery: StandardDefinition = {
  phases: [
    {
      key: 'initiate',
      name: 'Initiate',
      description: 'Confirm the need, the sponsor and the business case; shape the solution options.',
    },
    { key: 'plan', name: 'Plan', description: 'Requirements, architecture, baseline plan, budget and resourcing.' },
    { key: 'build', name: 'Build', description: 'Design, build and integrate the system in iterations.' },
    { key: 'deploy', name: 'Test & deploy', description: 'System and acceptance testing, cut-over and go-live.' },
    { key: 'close', name: 'Close', description: 'Hand over to operations, confirm benefits tracking, capture lessons learned.' },
  ],
  gates: [
    {
      key: 'g1-approve-planning',
      name: 'Gate 1: approval to plan',
      afterPhase: 'initiate',
      criteria: [
        {
          key: 'business-case',
          text: 'An outline business case with options, costs and benefits is approved by the sponsor',
          kind: 'must',
          weight: 1,
        },
        { key: 'sponsor-named', text: 'A sponsor and a trained project manager are named', kind: 'must', weight: 1 },
        {
          key: 'strategic-fit',
          text: 'The project supports at least one strategic driver of the portfolio',
          kind: 'should',
          weight: 3,
        },
        { key: 'initial-risks', text: 'Initial risks are recorded and scored on the PMO risk matrix', kind: 'should', weight: 2 },
      ],
      deliverables: [
        { key: 'outline-business-case', name: 'Outline business case' },
        { key: 'project-brief', name: 'Project brief' },
      ],
      reviewerRoles: ['pmo_lead', 'pmo_analyst'],
      quorum: 2,
      passScore: 60,
    },
    {
      key: 'g2-approve-build',
      name: 'Gate 2: approval to build (baseline)',
      afterPhase: 'plan',
      criteria: [
        { key: 'baseline', text: 'Schedule and cost baseline are set and agreed with the sponsor', kind: 'must', weight: 1 },
        { key: 'requirements-signed', text: 'Requirements are signed off by the business owner', kind: 'must', weight: 1 },
        {
          key: 'architecture-review',
          text: 'The solution architecture passed the architecture review board',
          kind: 'must',
          weight: 1,
        },
        { key: 'resources-confirmed', text: 'Key resources are confirmed by their resource managers', kind: 'should', weight: 3 },
        { key: 'security-assessment', text: 'An information-security assessment is complete', kind: 'should', weight: 2 },
        { key: 'risk-responses', text: 'Every high and critical risk has an owner and a response', kind: 'should', weight: 2 },
      ],
      deliverables: [
        { key: 'full-business-case', name: 'Full business case' },
        { key: 'project-plan', name: 'Project management plan with baseline' },
        { key: 'requirements', name: 'Requirements specification' },
        { key: 'architecture', name: 'Solution architecture document' },
      ],
      reviewerRoles: ['pmo_lead', 'pmo_analyst', 'executive'],
      quorum: 2,
      passScore: 65,
    },
    {
      key: 'g3-ready-for-test',
      name: 'Gate 3: ready for test and deployment',
      afterPhase: 'build',
      criteria: [
        { key: 'build-complete', text: 'All in-scope features are built and unit tested', kind: 'must', weight: 1 },
        { key: 'test-plan', text: 'The test and cut-over plans are approved', kind: 'must', weight: 1 },
        { key: 'defects-triaged', text: 'Open defects are triaged with no severity-1 defect open', kind: 'should', weight: 3 },
        { key: 'ops-engaged', text: 'Operations and service desk are engaged for the handover', kind: 'should', weight: 2 },
      ],
      deliverables: [
        { key: 'test-plan', name: 'Test plan' },
        { key: 'release-notes', name: 'Release notes' },
        { key: 'cutover-plan', name: 'Cut-over and rollback plan' },
      ],
      reviewerRoles: ['pmo_lead', 'pmo_analyst'],
      quorum: 2,
      passScore: 60,
    },
    {
      key: 'g4-go-live',
      name: 'Gate 4: go-live and handover',
      afterPhase: 'deploy',
      criteria: [
        { key: 'uat-signed', text: 'User acceptance testing is signed off by the business owner', kind: 'must', weight: 1 },
        {
          key: 'operational-acceptance',
          text: 'Operations accepted the service (runbooks, monitoring, support)',
          kind: 'must',
          weight: 1,
        },
        { key: 'training-delivered', text: 'End-user training is delivered', kind: 'should', weight: 2 },
        {
          key: 'benefits-owner',
          text: 'A benefits owner and measures are agreed for benefits tracking',
          kind: 'should',
          weight: 2,
        },
      ],
      deliverables: [
        { key: 'uat-report', name: 'UAT sign-off report' },
        { key: 'service-handover', name: 'Service handover pack' },
      ],
      reviewerRoles: ['pmo_lead', 'pmo_analyst', 'executive'],
      quorum: 2,
      passScore: 60,
    },
  ],
  reporting: { cadence: 'monthly', ragDimensions: ALL_DIMENSIONS, graceDays: 3, escalateAfterDays: 7 },
  tolerances: STANDARD_TOLERANCES,
  riskMatrix: RISK_MATRIX_5X5,
  approvals: { stepDeadlineDays: 5, escalateAfterDays: 2 },
};

const businessChange: StandardDefinition = {
  phases: [
    { key: 'discover', name: 'Discover', description: 'Understand the problem, the stakeholders and the case for change.' },
    { key: 'define', name: 'Define', description: 'Target operating model, benefits map, change impact assessment.' },
    { key: 'design', name: 'Design', description: 'New processes, roles, policies and the communication and training plan.' },
    { key: 'implement', name: 'Implement', description: 'Roll out the change in waves; train and support the people affected.' },
    { key: 'embed', name: 'Embed & realise', description: 'Sustain the change, measure benefits, close the project.' },
  ],
  gates: [
    {
      key: 'g1-case-for-change',
      name: 'Gate 1: case for change',
      afterPhase: 'discover',
      criteria: [
        { key: 'case-for-change', text: 'The case for change is agreed by the sponsor', kind: 'must', weight: 1 },
        { key: 'stakeholders', text: 'Stakeholders are mapped with their influence and interest', kind: 'should', weight: 2 },
        { key: 'strategic-fit', text: 'The change supports a strategic driver of the portfolio', kind: 'should', weight: 3 },
      ],
      deliverables: [{ key: 'case-for-change', name: 'Case for change' }],
      reviewerRoles: ['pmo_lead', 'pmo_analyst'],
      quorum: 2,
      passScore: 60,
    },
    {
      key: 'g2-approve-design',
      name: 'Gate 2: approval of the target model',
      afterPhase: 'define',
      criteria: [
        { key: 'benefits-map', text: 'Benefits are quantified, each with an owner and a measure', kind: 'must', weight: 1 },
        { key: 'baseline', text: 'Schedule and cost baseline are set', kind: 'must', weight: 1 },
        { key: 'impact-assessment', text: 'A change impact assessment covers every affected team', kind: 'should', weight: 3 },
        {
          key: 'hr-consulted',
          text: 'HR and employee representatives are consulted where roles change',
          kind: 'should',
          weight: 2,
        },
      ],
      deliverables: [
        { key: 'target-operating-model', name: 'Target operating model' },
        { key: 'benefits-profile', name: 'Benefits profiles' },
        { key: 'impact-assessment', name: 'Change impact assessment' },
      ],
      reviewerRoles: ['pmo_lead', 'pmo_analyst', 'executive'],
      quorum: 2,
      passScore: 65,
    },
    {
      key: 'g3-ready-to-implement',
      name: 'Gate 3: ready to implement',
      afterPhase: 'design',
      criteria: [
        { key: 'processes-approved', text: 'New processes and policies are approved by their owners', kind: 'must', weight: 1 },
        { key: 'readiness', text: 'Business readiness is assessed for the first wave', kind: 'must', weight: 1 },
        { key: 'comms-plan', text: 'The communication and training plan is approved', kind: 'should', weight: 2 },
        { key: 'change-agents', text: 'Change agents are named in every affected team', kind: 'should', weight: 2 },
      ],
      deliverables: [
        { key: 'process-designs', name: 'Process designs' },
        { key: 'comms-training-plan', name: 'Communication and training plan' },
      ],
      reviewerRoles: ['pmo_lead', 'pmo_analyst'],
      quorum: 2,
      passScore: 60,
    },
    {
      key: 'g4-handover',
      name: 'Gate 4: handover to business as usual',
      afterPhase: 'implement',
      criteria: [
        { key: 'adoption', text: 'Adoption measures meet their targets in every wave', kind: 'must', weight: 1 },
        { key: 'bau-owner', text: 'Business-as-usual owners accepted the new processes', kind: 'must', weight: 1 },
        { key: 'early-benefits', text: 'Early benefits are measured against the benefits profiles', kind: 'should', weight: 3 },
      ],
      deliverables: [
        { key: 'adoption-report', name: 'Adoption report' },
        { key: 'benefits-realisation-plan', name: 'Benefits realisation plan' },
      ],
      reviewerRoles: ['pmo_lead', 'executive'],
      quorum: 2,
      passScore: 60,
    },
  ],
  reporting: { cadence: 'fortnightly', ragDimensions: ALL_DIMENSIONS, graceDays: 2, escalateAfterDays: 5 },
  tolerances: STANDARD_TOLERANCES,
  riskMatrix: RISK_MATRIX_5X5,
  approvals: { stepDeadlineDays: 5, escalateAfterDays: 2 },
};

const infrastructureEngineering: StandardDefinition = {
  phases: [
    { key: 'concept', name: 'Concept', description: 'Need, site and options; order-of-magnitude estimate.' },
    { key: 'feasibility', name: 'Feasibility', description: 'Surveys, permits, preferred option and class-3 estimate.' },
    { key: 'design', name: 'Detailed design', description: 'Engineering design, procurement strategy and tender.' },
    { key: 'construct', name: 'Construct & commission', description: 'Construction, installation, testing and commissioning.' },
    {
      key: 'handover',
      name: 'Handover & close-out',
      description: 'Handover to operations and maintenance, as-built records, final account.',
    },
  ],
  gates: [
    {
      key: 'g1-concept',
      name: 'Gate 1: concept approval',
      afterPhase: 'concept',
      criteria: [
        {
          key: 'need-confirmed',
          text: 'The need and the preferred site are confirmed by the asset owner',
          kind: 'must',
          weight: 1,
        },
        { key: 'rough-estimate', text: 'An order-of-magnitude estimate (±50 %) is prepared', kind: 'must', weight: 1 },
        { key: 'hse-screening', text: 'Health, safety and environmental screening is done', kind: 'should', weight: 3 },
      ],
      deliverables: [{ key: 'concept-report', name: 'Concept report' }],
      reviewerRoles: ['pmo_lead', 'pmo_analyst'],
      quorum: 2,
      passScore: 60,
    },
    {
      key: 'g2-feasibility',
      name: 'Gate 2: option selection',
      afterPhase: 'feasibility',
      criteria: [
        {
          key: 'preferred-option',
          text: 'The preferred option is selected with a class-3 estimate (±20 %)',
          kind: 'must',
          weight: 1,
        },
        { key: 'permits', text: 'Planning permits and regulatory consents are applied for', kind: 'must', weight: 1 },
        { key: 'surveys', text: 'Ground, structural and utility surveys are complete', kind: 'should', weight: 2 },
        { key: 'contingency', text: 'A risk-based contingency (P80) is included in the budget', kind: 'should', weight: 3 },
      ],
      deliverables: [
        { key: 'feasibility-study', name: 'Feasibility study' },
        { key: 'cost-estimate', name: 'Class-3 cost estimate' },
      ],
      reviewerRoles: ['pmo_lead', 'pmo_analyst', 'executive'],
      quorum: 3,
      passScore: 65,
    },
    {
      key: 'g3-award',
      name: 'Gate 3: contract award',
      afterPhase: 'design',
      criteria: [
        {
          key: 'design-frozen',
          text: 'Detailed design is frozen and checked by an independent engineer',
          kind: 'must',
          weight: 1,
        },
        {
          key: 'tender-evaluated',
          text: 'Tenders are evaluated and the award recommendation is approved',
          kind: 'must',
          weight: 1,
        },
        { key: 'baseline', text: 'Schedule and cost baseline are set from the awarded contract', kind: 'must', weight: 1 },
        { key: 'safety-plan', text: 'The construction safety plan is approved', kind: 'should', weight: 3 },
      ],
      deliverables: [
        { key: 'design-package', name: 'Issued-for-construction design package' },
        { key: 'tender-report', name: 'Tender evaluation report' },
        { key: 'safety-plan', name: 'Construction safety plan' },
      ],
      reviewerRoles: ['pmo_lead', 'pmo_analyst', 'executive'],
      quorum: 3,
      passScore: 70,
    },
    {
      key: 'g4-commissioned',
      name: 'Gate 4: commissioned and ready for handover',
      afterPhase: 'construct',
      criteria: [
        { key: 'commissioning', text: 'Commissioning tests passed and are signed by the asset owner', kind: 'must', weight: 1 },
        { key: 'snag-list', text: 'No safety-critical snag is open', kind: 'must', weight: 1 },
        { key: 'om-manuals', text: 'Operation and maintenance manuals are delivered', kind: 'should', weight: 2 },
        { key: 'as-built', text: 'As-built drawings are delivered', kind: 'should', weight: 2 },
      ],
      deliverables: [
        { key: 'commissioning-certificate', name: 'Commissioning certificate' },
        { key: 'om-manuals', name: 'Operation and maintenance manuals' },
      ],
      reviewerRoles: ['pmo_lead', 'pmo_analyst'],
      quorum: 2,
      passScore: 60,
    },
  ],
  reporting: { cadence: 'monthly', ragDimensions: ALL_DIMENSIONS, graceDays: 5, escalateAfterDays: 10 },
  // Long construction schedules tolerate more slip in days; money is held as tightly.
  tolerances: { ...STANDARD_TOLERANCES, dateVarianceDays: { amber: 15, red: 30 } },
  riskMatrix: RISK_MATRIX_5X5,
  approvals: { stepDeadlineDays: 5, escalateAfterDays: 2 },
};

export interface DefaultStandard {
  code: string;
  name: string;
  description: string;
  definition: StandardDefinition;
}

/** The starter project types: IT system delivery, business change, infrastructure / engineering. */
export const DEFAULT_STANDARDS: readonly DefaultStandard[] = [
  {
    code: 'IT-DELIVERY',
    name: 'IT system delivery',
    description: 'Delivery of an information system: initiate, plan, build, test & deploy, close; four tollgates.',
    definition: itSystemDelivery,
  },
  {
    code: 'BUSINESS-CHANGE',
    name: 'Business change',
    description: 'Change of processes, organisation or ways of working, with benefits realisation; four tollgates.',
    definition: businessChange,
  },
  {
    code: 'INFRASTRUCTURE',
    name: 'Infrastructure / engineering',
    description: 'Facilities and engineering works from concept to handover and close-out; four tollgates.',
    definition: infrastructureEngineering,
  },
];
