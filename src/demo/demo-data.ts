/**
 * The demo organisation, Northwind Group, as plain data. seed-demo.ts writes it to the database.
 * Names, e-mails and dates are fixed so every seeded database holds the same organisation.
 */
import type { Role } from '../kernel/permissions.ts';

export const DEMO_PASSWORD = 'tollgate-demo';

export interface DemoOrgUnit {
  code: string;
  name: string;
  parent: string | null;
  description?: string;
}

/** Parents come before their children. */
export const ORG_UNITS: DemoOrgUnit[] = [
  { code: 'NWG', name: 'Northwind Group', parent: null, description: 'Group holding: manufacturing, logistics and services' },
  { code: 'OPS', name: 'Operations', parent: 'NWG', description: 'Manufacturing, logistics and the enterprise project office' },
  { code: 'FIN', name: 'Finance', parent: 'NWG', description: 'Group finance, control and procurement' },
  { code: 'TEC', name: 'Technology', parent: 'NWG', description: 'Group IT: applications, infrastructure, data and security' },
  { code: 'COM', name: 'Commercial', parent: 'NWG', description: 'Sales and marketing' },
  { code: 'ENG', name: 'Engineering', parent: 'NWG', description: 'Product, mechanical and plant engineering' },
  { code: 'CORP', name: 'Corporate Services', parent: 'NWG', description: 'People, legal and compliance' },
  { code: 'OPS-EPMO', name: 'Enterprise Project Office', parent: 'OPS' },
  { code: 'OPS-LOG', name: 'Logistics', parent: 'OPS' },
  { code: 'OPS-MFG', name: 'Manufacturing', parent: 'OPS' },
  { code: 'FIN-CTL', name: 'Financial Control', parent: 'FIN' },
  { code: 'FIN-PRC', name: 'Procurement', parent: 'FIN' },
  { code: 'TEC-APP', name: 'Application Development', parent: 'TEC' },
  { code: 'TEC-INF', name: 'Infrastructure & Operations', parent: 'TEC' },
  { code: 'TEC-DAT', name: 'Data & Analytics', parent: 'TEC' },
  { code: 'TEC-SEC', name: 'Information Security', parent: 'TEC' },
  { code: 'COM-SAL', name: 'Sales', parent: 'COM' },
  { code: 'COM-MKT', name: 'Marketing', parent: 'COM' },
  { code: 'ENG-MEC', name: 'Mechanical Engineering', parent: 'ENG' },
  { code: 'ENG-PLT', name: 'Plant Engineering', parent: 'ENG' },
  { code: 'CORP-HR', name: 'Human Resources', parent: 'CORP' },
  { code: 'CORP-LEG', name: 'Legal & Compliance', parent: 'CORP' },
];

export const SKILLS: { name: string; category: string; description: string }[] = [
  { name: 'Project management', category: 'management', description: 'Planning, controlling and closing projects' },
  { name: 'Business analysis', category: 'business', description: 'Requirements, process models, business cases' },
  { name: 'Solution architecture', category: 'technology', description: 'End-to-end design of systems and integrations' },
  { name: 'Java development', category: 'technology', description: 'Back-end services on the JVM' },
  { name: 'TypeScript development', category: 'technology', description: 'Web front ends and Node.js services' },
  { name: 'Data engineering', category: 'technology', description: 'Pipelines, warehouses and data quality' },
  { name: 'QA / testing', category: 'technology', description: 'Test design, automation and acceptance' },
  { name: 'DevOps', category: 'technology', description: 'CI/CD, cloud platforms and operations' },
  { name: 'Network engineering', category: 'technology', description: 'LAN, WAN, data-centre networks' },
  { name: 'Security', category: 'technology', description: 'Identity, threat modelling, security controls' },
  { name: 'UX design', category: 'design', description: 'User research, interaction and visual design' },
  { name: 'Change management', category: 'business', description: 'Stakeholders, communication and adoption' },
  { name: 'Procurement', category: 'business', description: 'Sourcing, tenders and supplier contracts' },
  { name: 'Finance control', category: 'finance', description: 'Budgeting, cost control and reporting' },
  { name: 'Mechanical engineering', category: 'engineering', description: 'Machine design and maintenance' },
  { name: 'Regulatory compliance', category: 'business', description: 'Regulation, controls and audits' },
];

export interface DemoPerson {
  /** Short handle the tables below refer to. */
  key: string;
  name: string;
  email: string;
  jobTitle: string;
  unit: string;
  /** Base cost rate per hour; the seed adds a small deterministic spread. */
  rate: number;
  weeklyHours?: number;
  availability: number;
  /** Skill name -> level 1 (novice) to 5 (expert). */
  skills: Record<string, number>;
}

export const PEOPLE: DemoPerson[] = [
  // Executives and division heads
  {
    key: 'ceo',
    name: 'Margaret Holloway',
    email: 'ceo@example.com',
    jobTitle: 'Chief Executive Officer',
    unit: 'NWG',
    rate: 175,
    availability: 0.1,
    skills: { 'Change management': 4, 'Finance control': 3 },
  },
  {
    key: 'coo',
    name: 'Daniel Okafor',
    email: 'coo@example.com',
    jobTitle: 'Chief Operating Officer',
    unit: 'OPS',
    rate: 165,
    availability: 0.1,
    skills: { 'Project management': 4, 'Change management': 4 },
  },
  {
    key: 'cfo',
    name: 'Ingrid Sørensen',
    email: 'cfo@example.com',
    jobTitle: 'Chief Financial Officer',
    unit: 'FIN',
    rate: 165,
    availability: 0.1,
    skills: { 'Finance control': 5, 'Regulatory compliance': 4 },
  },
  {
    key: 'cto',
    name: 'Rajesh Iyer',
    email: 'cto@example.com',
    jobTitle: 'Chief Technology Officer',
    unit: 'TEC',
    rate: 165,
    availability: 0.1,
    skills: { 'Solution architecture': 5, Security: 3, 'Project management': 3 },
  },
  {
    key: 'comdir',
    name: 'Claire Dubois',
    email: 'claire.dubois@example.com',
    jobTitle: 'Commercial Director',
    unit: 'COM',
    rate: 150,
    availability: 0.15,
    skills: { 'Business analysis': 3, 'Change management': 3 },
  },
  {
    key: 'engdir',
    name: 'Tomasz Nowak',
    email: 'tomasz.nowak@example.com',
    jobTitle: 'Engineering Director',
    unit: 'ENG',
    rate: 150,
    availability: 0.15,
    skills: { 'Mechanical engineering': 5, 'Project management': 3 },
  },
  {
    key: 'hrdir',
    name: 'Helen Whitaker',
    email: 'helen.whitaker@example.com',
    jobTitle: 'Head of Human Resources',
    unit: 'CORP-HR',
    rate: 130,
    availability: 0.15,
    skills: { 'Change management': 5 },
  },
  // The PMOs
  {
    key: 'pmolead',
    name: 'Olivia Bennett',
    email: 'pmo.lead@example.com',
    jobTitle: 'Head of the Enterprise PMO',
    unit: 'OPS-EPMO',
    rate: 140,
    availability: 0.5,
    skills: { 'Project management': 5, 'Finance control': 3, 'Change management': 4 },
  },
  {
    key: 'pmoanalyst',
    name: 'Marcus Lindqvist',
    email: 'pmo.analyst@example.com',
    jobTitle: 'PMO Analyst',
    unit: 'OPS-EPMO',
    rate: 95,
    availability: 0.6,
    skills: { 'Project management': 4, 'Business analysis': 3, 'Finance control': 2 },
  },
  {
    key: 'proglead',
    name: 'Aisha Rahman',
    email: 'prog.lead@example.com',
    jobTitle: 'Technology Program PMO Lead',
    unit: 'TEC',
    rate: 135,
    availability: 0.5,
    skills: { 'Project management': 5, 'Solution architecture': 3 },
  },
  {
    key: 'proganalyst',
    name: 'Kenji Watanabe',
    email: 'prog.analyst@example.com',
    jobTitle: 'Program PMO Analyst',
    unit: 'TEC',
    rate: 90,
    weeklyHours: 32,
    availability: 0.6,
    skills: { 'Project management': 3, 'Business analysis': 3, 'Data engineering': 2 },
  },
  // Project managers
  {
    key: 'pm',
    name: 'Sam Carter',
    email: 'pm@example.com',
    jobTitle: 'Senior Project Manager',
    unit: 'TEC-APP',
    rate: 120,
    availability: 0.9,
    skills: { 'Project management': 5, 'Business analysis': 3, 'TypeScript development': 2 },
  },
  {
    key: 'lena',
    name: 'Lena Fischer',
    email: 'lena.fischer@example.com',
    jobTitle: 'IT Project Manager',
    unit: 'TEC-INF',
    rate: 110,
    availability: 0.9,
    skills: { 'Project management': 4, 'Network engineering': 3, Security: 2 },
  },
  {
    key: 'carlos',
    name: 'Carlos Mendes',
    email: 'carlos.mendes@example.com',
    jobTitle: 'Project Manager, Logistics',
    unit: 'OPS-LOG',
    rate: 105,
    availability: 0.9,
    skills: { 'Project management': 4, 'Business analysis': 3, Procurement: 2 },
  },
  {
    key: 'grace',
    name: 'Grace Adeyemi',
    email: 'grace.adeyemi@example.com',
    jobTitle: 'Finance Project Manager',
    unit: 'FIN-CTL',
    rate: 110,
    availability: 0.9,
    skills: { 'Project management': 4, 'Finance control': 4, 'Change management': 3 },
  },
  {
    key: 'piotr',
    name: 'Piotr Zieliński',
    email: 'piotr.zielinski@example.com',
    jobTitle: 'Engineering Project Manager',
    unit: 'ENG-MEC',
    rate: 115,
    availability: 0.9,
    skills: { 'Project management': 4, 'Mechanical engineering': 4 },
  },
  {
    key: 'hannah',
    name: 'Hannah Moore',
    email: 'hannah.moore@example.com',
    jobTitle: 'Project Manager, Commercial',
    unit: 'COM-MKT',
    rate: 100,
    availability: 0.9,
    skills: { 'Project management': 3, 'Business analysis': 3, 'UX design': 2 },
  },
  {
    key: 'yusuf',
    name: 'Yusuf Demir',
    email: 'yusuf.demir@example.com',
    jobTitle: 'IT Project Manager',
    unit: 'TEC-DAT',
    rate: 110,
    availability: 0.9,
    skills: { 'Project management': 4, 'Data engineering': 3 },
  },
  {
    key: 'emma',
    name: 'Emma Lawson',
    email: 'emma.lawson@example.com',
    jobTitle: 'Project Manager, Corporate Services',
    unit: 'CORP-LEG',
    rate: 95,
    weeklyHours: 32,
    availability: 0.9,
    skills: { 'Project management': 3, 'Regulatory compliance': 3, 'Change management': 3 },
  },
  {
    key: 'victor',
    name: 'Victor Almeida',
    email: 'victor.almeida@example.com',
    jobTitle: 'Engineering Project Manager',
    unit: 'ENG-PLT',
    rate: 115,
    availability: 0.9,
    skills: { 'Project management': 4, 'Mechanical engineering': 3, Procurement: 3 },
  },
  {
    key: 'nadia',
    name: 'Nadia Petrova',
    email: 'nadia.petrova@example.com',
    jobTitle: 'Project Manager, Manufacturing',
    unit: 'OPS-MFG',
    rate: 105,
    availability: 0.9,
    skills: { 'Project management': 4, 'Change management': 3, 'Mechanical engineering': 2 },
  },
  // Other accounts: a resource manager, a team member and a viewer
  {
    key: 'resmgr',
    name: 'George Whitfield',
    email: 'resource.manager@example.com',
    jobTitle: 'Resource Manager, Technology',
    unit: 'TEC',
    rate: 110,
    availability: 0.3,
    skills: { 'Project management': 3, 'Finance control': 2 },
  },
  {
    key: 'team',
    name: 'Chloe Martin',
    email: 'team.member@example.com',
    jobTitle: 'Business Analyst',
    unit: 'COM-SAL',
    rate: 85,
    availability: 0.8,
    skills: { 'Business analysis': 4, 'QA / testing': 2, 'UX design': 2 },
  },
  {
    key: 'viewer',
    name: 'Oliver Grant',
    email: 'viewer@example.com',
    jobTitle: 'Finance Business Partner',
    unit: 'FIN-CTL',
    rate: 90,
    availability: 0.2,
    skills: { 'Finance control': 3 },
  },
  // Specialists
  {
    key: 'priya',
    name: 'Priya Nair',
    email: 'priya.nair@example.com',
    jobTitle: 'Solution Architect',
    unit: 'TEC-APP',
    rate: 140,
    availability: 0.8,
    skills: { 'Solution architecture': 5, 'Java development': 3, Security: 2 },
  },
  {
    key: 'lucas',
    name: 'Lucas Becker',
    email: 'lucas.becker@example.com',
    jobTitle: 'Senior Java Developer',
    unit: 'TEC-APP',
    rate: 105,
    availability: 0.85,
    skills: { 'Java development': 5, DevOps: 2, 'QA / testing': 2 },
  },
  {
    key: 'mei',
    name: 'Mei Chen',
    email: 'mei.chen@example.com',
    jobTitle: 'Full-stack Developer',
    unit: 'TEC-APP',
    rate: 95,
    availability: 0.85,
    skills: { 'TypeScript development': 5, 'Java development': 2, 'UX design': 2 },
  },
  {
    key: 'ahmed',
    name: 'Ahmed Hassan',
    email: 'ahmed.hassan@example.com',
    jobTitle: 'Data Engineer',
    unit: 'TEC-DAT',
    rate: 100,
    availability: 0.85,
    skills: { 'Data engineering': 5, DevOps: 2 },
  },
  {
    key: 'sofia',
    name: 'Sofia Rossi',
    email: 'sofia.rossi@example.com',
    jobTitle: 'QA Lead',
    unit: 'TEC-APP',
    rate: 90,
    availability: 0.85,
    skills: { 'QA / testing': 5, 'TypeScript development': 2, 'Business analysis': 2 },
  },
  {
    key: 'ben',
    name: 'Ben Thompson',
    email: 'ben.thompson@example.com',
    jobTitle: 'DevOps Engineer',
    unit: 'TEC-INF',
    rate: 100,
    availability: 0.8,
    skills: { DevOps: 5, 'Network engineering': 2, Security: 2 },
  },
  {
    key: 'fatima',
    name: 'Fatima Zahra',
    email: 'fatima.zahra@example.com',
    jobTitle: 'Network Engineer',
    unit: 'TEC-INF',
    rate: 95,
    availability: 0.85,
    skills: { 'Network engineering': 5, Security: 3 },
  },
  {
    key: 'erik',
    name: 'Erik Johansson',
    email: 'erik.johansson@example.com',
    jobTitle: 'Security Engineer',
    unit: 'TEC-SEC',
    rate: 115,
    availability: 0.8,
    skills: { Security: 5, 'Network engineering': 3, DevOps: 2 },
  },
  {
    key: 'laura',
    name: 'Laura Kim',
    email: 'laura.kim@example.com',
    jobTitle: 'UX Designer',
    unit: 'COM-MKT',
    rate: 85,
    weeklyHours: 32,
    availability: 0.85,
    skills: { 'UX design': 5, 'TypeScript development': 2, 'Business analysis': 2 },
  },
  {
    key: 'james',
    name: "James O'Connor",
    email: 'james.oconnor@example.com',
    jobTitle: 'Change Manager',
    unit: 'CORP-HR',
    rate: 95,
    availability: 0.8,
    skills: { 'Change management': 5, 'Business analysis': 3 },
  },
  {
    key: 'ana',
    name: 'Ana Souza',
    email: 'ana.souza@example.com',
    jobTitle: 'Procurement Specialist',
    unit: 'FIN-PRC',
    rate: 75,
    availability: 0.7,
    skills: { Procurement: 5, 'Regulatory compliance': 2 },
  },
  {
    key: 'michael',
    name: 'Michael Brandt',
    email: 'michael.brandt@example.com',
    jobTitle: 'Financial Controller',
    unit: 'FIN-CTL',
    rate: 110,
    availability: 0.5,
    skills: { 'Finance control': 5, 'Business analysis': 2 },
  },
  {
    key: 'rachel',
    name: 'Rachel Adams',
    email: 'rachel.adams@example.com',
    jobTitle: 'Mechanical Engineer',
    unit: 'ENG-MEC',
    rate: 90,
    availability: 0.85,
    skills: { 'Mechanical engineering': 5, 'QA / testing': 2 },
  },
  {
    key: 'stefan',
    name: 'Stefan Kovač',
    email: 'stefan.kovac@example.com',
    jobTitle: 'Plant Engineer',
    unit: 'ENG-PLT',
    rate: 85,
    availability: 0.85,
    skills: { 'Mechanical engineering': 4, Procurement: 2, 'Project management': 2 },
  },
  {
    key: 'isabel',
    name: 'Isabel Cruz',
    email: 'isabel.cruz@example.com',
    jobTitle: 'Logistics Analyst',
    unit: 'OPS-LOG',
    rate: 70,
    availability: 0.8,
    skills: { 'Business analysis': 3, 'Data engineering': 2 },
  },
  {
    key: 'thomas',
    name: 'Thomas Reed',
    email: 'thomas.reed@example.com',
    jobTitle: 'Data Analyst',
    unit: 'TEC-DAT',
    rate: 80,
    weeklyHours: 32,
    availability: 0.85,
    skills: { 'Data engineering': 3, 'Business analysis': 3, 'Finance control': 1 },
  },
  {
    key: 'zoe',
    name: 'Zoe Parker',
    email: 'zoe.parker@example.com',
    jobTitle: 'Compliance Officer',
    unit: 'CORP-LEG',
    rate: 95,
    availability: 0.6,
    skills: { 'Regulatory compliance': 5, Security: 2, 'Business analysis': 2 },
  },
  {
    key: 'david',
    name: 'David Osei',
    email: 'david.osei@example.com',
    jobTitle: 'Sales Operations Manager',
    unit: 'COM-SAL',
    rate: 90,
    availability: 0.6,
    skills: { 'Business analysis': 3, 'Change management': 2 },
  },
];

export interface DemoPosition {
  code: string;
  title: string;
  unit: string;
  holder: string;
  reportsTo: string | null;
}

/** The CEO first: the others report to it. */
export const POSITIONS: DemoPosition[] = [
  { code: 'CEO', title: 'Chief Executive Officer', unit: 'NWG', holder: 'ceo', reportsTo: null },
  { code: 'COO', title: 'Chief Operating Officer', unit: 'OPS', holder: 'coo', reportsTo: 'CEO' },
  { code: 'CFO', title: 'Chief Financial Officer', unit: 'FIN', holder: 'cfo', reportsTo: 'CEO' },
  { code: 'CTO', title: 'Chief Technology Officer', unit: 'TEC', holder: 'cto', reportsTo: 'CEO' },
];

export const ENTERPRISE_PMO = 'EPMO';
export const PROGRAM_PMO = 'TPMO';

export interface DemoPmo {
  code: string;
  name: string;
  description: string;
  level: 'program' | 'portfolio' | 'enterprise';
  orientation: 'it' | 'business' | 'engineering' | 'operations' | 'transformation';
  reportsTo: string;
  parent: string | null;
  scope: string[];
  lead: string;
  analysts: string[];
}

/** Parents first. */
export const PMOS: DemoPmo[] = [
  {
    code: ENTERPRISE_PMO,
    name: 'Enterprise PMO',
    description: 'Sets the group-wide project standards, approves what starts and watches every project in the group.',
    level: 'enterprise',
    orientation: 'business',
    reportsTo: 'COO',
    parent: null,
    scope: ['NWG'],
    lead: 'pmolead',
    analysts: ['pmoanalyst'],
  },
  {
    code: PROGRAM_PMO,
    name: 'Technology Program PMO',
    description: 'Runs the Digital Transformation program for Technology, inside the enterprise standards.',
    level: 'program',
    orientation: 'it',
    reportsTo: 'CTO',
    parent: ENTERPRISE_PMO,
    scope: ['TEC'],
    lead: 'proglead',
    analysts: ['proganalyst'],
  },
];

type Subject = 'budget_increase' | 'headcount' | 'risk_score' | 'infrastructure' | 'schedule_change';
type Measure = 'percent_of_bac' | 'amount' | 'count' | 'score' | 'days';
type Approver = 'pmo_analyst' | 'pmo_lead' | 'reporting_executive' | 'ceo';

/**
 * Delegation of authority, as ascending bands per subject: a change up to `upTo` is approved by
 * `approver`. A budget increase above 25 % of BAC goes to the CEO; one above 100 % is a new
 * business case rather than a change. A new project's budget above 500,000 needs the COO too.
 */
export const THRESHOLDS: { pmo: string; subject: Subject; measure: Measure; upTo: number; approver: Approver }[] = [
  { pmo: ENTERPRISE_PMO, subject: 'budget_increase', measure: 'percent_of_bac', upTo: 10, approver: 'pmo_lead' },
  { pmo: ENTERPRISE_PMO, subject: 'budget_increase', measure: 'percent_of_bac', upTo: 25, approver: 'reporting_executive' },
  { pmo: ENTERPRISE_PMO, subject: 'budget_increase', measure: 'percent_of_bac', upTo: 100, approver: 'ceo' },
  // In money too: a new project's budget (the go-ahead of a request) is read here, from nothing.
  { pmo: ENTERPRISE_PMO, subject: 'budget_increase', measure: 'amount', upTo: 500_000, approver: 'pmo_lead' },
  { pmo: ENTERPRISE_PMO, subject: 'budget_increase', measure: 'amount', upTo: 2_000_000, approver: 'reporting_executive' },
  { pmo: ENTERPRISE_PMO, subject: 'budget_increase', measure: 'amount', upTo: 10_000_000, approver: 'ceo' },
  { pmo: ENTERPRISE_PMO, subject: 'headcount', measure: 'count', upTo: 3, approver: 'pmo_lead' },
  { pmo: ENTERPRISE_PMO, subject: 'headcount', measure: 'count', upTo: 10, approver: 'reporting_executive' },
  { pmo: ENTERPRISE_PMO, subject: 'risk_score', measure: 'score', upTo: 15, approver: 'pmo_lead' },
  { pmo: ENTERPRISE_PMO, subject: 'risk_score', measure: 'score', upTo: 25, approver: 'reporting_executive' },
  { pmo: ENTERPRISE_PMO, subject: 'infrastructure', measure: 'amount', upTo: 25000, approver: 'pmo_analyst' },
  { pmo: ENTERPRISE_PMO, subject: 'infrastructure', measure: 'amount', upTo: 150000, approver: 'pmo_lead' },
  { pmo: ENTERPRISE_PMO, subject: 'schedule_change', measure: 'days', upTo: 30, approver: 'pmo_lead' },
  { pmo: ENTERPRISE_PMO, subject: 'schedule_change', measure: 'days', upTo: 90, approver: 'reporting_executive' },
  { pmo: PROGRAM_PMO, subject: 'budget_increase', measure: 'percent_of_bac', upTo: 5, approver: 'pmo_lead' },
  { pmo: PROGRAM_PMO, subject: 'budget_increase', measure: 'percent_of_bac', upTo: 15, approver: 'reporting_executive' },
  { pmo: PROGRAM_PMO, subject: 'headcount', measure: 'count', upTo: 2, approver: 'pmo_lead' },
];

export interface DemoUser {
  email: string;
  /** null: an account with no person behind it. */
  person: string | null;
  displayName?: string;
  roles: Role[];
}

/** Every account signs in with DEMO_PASSWORD; the e-mail is the person's. */
export const USERS: DemoUser[] = [
  { email: 'admin@example.com', person: null, displayName: 'System Administrator', roles: ['admin'] },
  { email: 'ceo@example.com', person: 'ceo', roles: ['executive'] },
  { email: 'coo@example.com', person: 'coo', roles: ['executive'] },
  { email: 'cfo@example.com', person: 'cfo', roles: ['executive'] },
  { email: 'cto@example.com', person: 'cto', roles: ['executive'] },
  { email: 'pmo.lead@example.com', person: 'pmolead', roles: ['pmo_lead'] },
  { email: 'pmo.analyst@example.com', person: 'pmoanalyst', roles: ['pmo_analyst'] },
  { email: 'prog.lead@example.com', person: 'proglead', roles: ['pmo_lead'] },
  { email: 'prog.analyst@example.com', person: 'proganalyst', roles: ['pmo_analyst'] },
  { email: 'pm@example.com', person: 'pm', roles: ['project_manager'] },
  { email: 'lena.fischer@example.com', person: 'lena', roles: ['project_manager'] },
  { email: 'carlos.mendes@example.com', person: 'carlos', roles: ['project_manager'] },
  { email: 'grace.adeyemi@example.com', person: 'grace', roles: ['project_manager'] },
  { email: 'piotr.zielinski@example.com', person: 'piotr', roles: ['project_manager'] },
  { email: 'hannah.moore@example.com', person: 'hannah', roles: ['project_manager'] },
  { email: 'yusuf.demir@example.com', person: 'yusuf', roles: ['project_manager'] },
  { email: 'emma.lawson@example.com', person: 'emma', roles: ['project_manager'] },
  { email: 'victor.almeida@example.com', person: 'victor', roles: ['project_manager'] },
  { email: 'nadia.petrova@example.com', person: 'nadia', roles: ['project_manager'] },
  { email: 'resource.manager@example.com', person: 'resmgr', roles: ['resource_manager'] },
  { email: 'team.member@example.com', person: 'team', roles: ['team_member'] },
  { email: 'viewer@example.com', person: 'viewer', roles: ['viewer'] },
];

export const PORTFOLIOS: {
  code: string;
  name: string;
  kind: 'portfolio' | 'program';
  pmo: string;
  owner: string;
  description: string;
}[] = [
  {
    code: 'DTX',
    name: 'Digital Transformation',
    kind: 'program',
    pmo: PROGRAM_PMO,
    owner: 'cto',
    description: 'Replatforming customer, finance and field systems onto one modern stack by 2027.',
  },
  {
    code: 'OPX',
    name: 'Operational Excellence',
    kind: 'portfolio',
    pmo: ENTERPRISE_PMO,
    owner: 'coo',
    description: 'Lower cost to serve: warehouses, production lines, shared services.',
  },
  {
    code: 'REG',
    name: 'Regulatory & Compliance',
    kind: 'portfolio',
    pmo: ENTERPRISE_PMO,
    owner: 'cfo',
    description: 'Mandatory work: reporting, data protection, product and machinery safety.',
  },
  {
    code: 'INF',
    name: 'Infrastructure Renewal',
    kind: 'portfolio',
    pmo: ENTERPRISE_PMO,
    owner: 'engdir',
    description: 'Plants, networks and buildings at the end of their life.',
  },
];

/** Which of the three default project types a demo project uses. */
export type DemoTypeSlot = 'it' | 'change' | 'engineering';

export interface DemoProject {
  code: string;
  name: string;
  description: string;
  portfolio: string;
  unit: string;
  type: DemoTypeSlot;
  /** Index into the bound lifecycle's phases; closed projects sit in the last phase. */
  phase: number | 'last';
  state: 'active' | 'on_hold' | 'closed' | 'terminated';
  pm: string;
  sponsor: string;
  start: string;
  finish: string;
  budget: number;
  team: string[];
}

/** Start and finish as of DEMO_WRITTEN_ON (demo-calendar.ts): a seed on another day moves them by whole months. */
export const PROJECTS: DemoProject[] = [
  // Digital Transformation (program PMO)
  {
    code: 'DTX-001',
    name: 'Customer Portal Replatforming',
    description:
      'Move the customer portal off the end-of-life portal server onto the group web stack, with self-service ordering.',
    portfolio: 'DTX',
    unit: 'TEC-APP',
    type: 'it',
    phase: 2,
    state: 'active',
    pm: 'pm',
    sponsor: 'comdir',
    start: '2025-06-02',
    finish: '2026-09-30',
    budget: 1_850_000,
    team: ['priya', 'mei', 'sofia', 'laura', 'team'],
  },
  {
    code: 'DTX-002',
    name: 'ERP Finance Module Upgrade',
    description: "Upgrade general ledger, payables and receivables to the vendor's supported release.",
    portfolio: 'DTX',
    unit: 'TEC-APP',
    type: 'it',
    phase: 1,
    state: 'active',
    pm: 'pm',
    sponsor: 'cfo',
    start: '2025-10-01',
    finish: '2027-03-31',
    budget: 2_400_000,
    team: ['lucas', 'michael', 'team', 'sofia'],
  },
  {
    code: 'DTX-003',
    name: 'Data Platform Modernisation',
    description: 'One governed cloud data platform replacing three departmental warehouses.',
    portfolio: 'DTX',
    unit: 'TEC-DAT',
    type: 'it',
    phase: 2,
    state: 'active',
    pm: 'yusuf',
    sponsor: 'cto',
    start: '2025-06-16',
    finish: '2026-08-28',
    budget: 1_200_000,
    team: ['ahmed', 'thomas', 'ben'],
  },
  {
    code: 'DTX-004',
    name: 'Identity & Access Management Rollout',
    description: 'Single sign-on and joiner-mover-leaver automation for every group application.',
    portfolio: 'DTX',
    unit: 'TEC-SEC',
    type: 'it',
    phase: 1,
    state: 'active',
    pm: 'lena',
    sponsor: 'cto',
    start: '2025-09-22',
    finish: '2026-10-30',
    budget: 640_000,
    team: ['erik', 'ben', 'priya'],
  },
  {
    code: 'DTX-005',
    name: 'Sales CRM Consolidation',
    description: 'Merge the two regional CRMs into one, with a clean customer master.',
    portfolio: 'DTX',
    unit: 'COM-SAL',
    type: 'it',
    phase: 1,
    state: 'on_hold',
    pm: 'hannah',
    sponsor: 'comdir',
    start: '2025-06-02',
    finish: '2026-06-30',
    budget: 780_000,
    team: ['david', 'mei', 'team'],
  },
  {
    code: 'DTX-006',
    name: 'Mobile Field Service App',
    description: 'A mobile app for service engineers: work orders, parts and sign-off on site.',
    portfolio: 'DTX',
    unit: 'TEC-APP',
    type: 'it',
    phase: 0,
    state: 'active',
    pm: 'pm',
    sponsor: 'coo',
    start: '2025-09-15',
    finish: '2026-12-18',
    budget: 420_000,
    team: ['mei', 'laura', 'sofia'],
  },
  {
    code: 'DTX-007',
    name: 'Legacy Intranet Decommissioning',
    description: 'Migrate the remaining intranet content and switch the old servers off.',
    portfolio: 'DTX',
    unit: 'TEC-INF',
    type: 'it',
    phase: 'last',
    state: 'closed',
    pm: 'yusuf',
    sponsor: 'cto',
    start: '2025-01-13',
    finish: '2025-07-31',
    budget: 95_000,
    team: ['ben', 'fatima'],
  },
  {
    code: 'DTX-008',
    name: 'Customer Self-Service Pilot',
    description: 'A three-month pilot of online returns and invoice download with twenty key accounts.',
    portfolio: 'DTX',
    unit: 'TEC-APP',
    type: 'it',
    phase: 'last',
    state: 'closed',
    pm: 'pm',
    sponsor: 'comdir',
    start: '2025-01-06',
    finish: '2025-09-26',
    budget: 180_000,
    team: ['mei', 'sofia'],
  },
  // Operational Excellence
  {
    code: 'OPX-001',
    name: 'Warehouse Management System Rollout',
    description: 'Replace paper picking in the three distribution centres with a warehouse management system.',
    portfolio: 'OPX',
    unit: 'OPS-LOG',
    type: 'it',
    phase: 2,
    state: 'active',
    pm: 'carlos',
    sponsor: 'coo',
    start: '2025-06-23',
    finish: '2026-07-31',
    budget: 1_350_000,
    team: ['isabel', 'lucas', 'ana', 'sofia'],
  },
  {
    code: 'OPX-002',
    name: 'Lean Production Line 3',
    description: 'Re-layout of line 3 for single-piece flow; target 18 % less work in progress.',
    portfolio: 'OPX',
    unit: 'OPS-MFG',
    type: 'change',
    phase: 1,
    state: 'active',
    pm: 'nadia',
    sponsor: 'coo',
    start: '2025-09-15',
    finish: '2026-11-27',
    budget: 560_000,
    team: ['stefan', 'james', 'isabel'],
  },
  {
    code: 'OPX-003',
    name: 'Fleet Route Optimisation',
    description: 'Route planning from live orders and traffic for the 120-truck delivery fleet.',
    portfolio: 'OPX',
    unit: 'OPS-LOG',
    type: 'it',
    phase: 0,
    state: 'active',
    pm: 'carlos',
    sponsor: 'coo',
    start: '2025-10-06',
    finish: '2026-12-11',
    budget: 310_000,
    team: ['ahmed', 'isabel', 'thomas'],
  },
  {
    code: 'OPX-004',
    name: 'Shared Services Centre Setup',
    description: 'Move transactional finance of five subsidiaries into one shared services centre.',
    portfolio: 'OPX',
    unit: 'FIN',
    type: 'change',
    phase: 3,
    state: 'active',
    pm: 'grace',
    sponsor: 'cfo',
    start: '2025-06-30',
    finish: '2026-06-30',
    budget: 2_100_000,
    team: ['michael', 'james', 'ana'],
  },
  {
    code: 'OPX-005',
    name: 'Procurement Process Redesign',
    description: 'Purchase-to-pay redesign with catalogue buying and three-way match.',
    portfolio: 'OPX',
    unit: 'FIN-PRC',
    type: 'change',
    phase: 'last',
    state: 'closed',
    pm: 'grace',
    sponsor: 'cfo',
    start: '2025-01-20',
    finish: '2025-11-28',
    budget: 240_000,
    team: ['ana', 'team'],
  },
  {
    code: 'OPX-006',
    name: 'Customer Returns Automation',
    description: 'Automated returns authorisation; stopped when the CRM consolidation took over its scope.',
    portfolio: 'OPX',
    unit: 'COM-SAL',
    type: 'it',
    phase: 1,
    state: 'terminated',
    pm: 'hannah',
    sponsor: 'comdir',
    start: '2025-03-10',
    finish: '2025-12-19',
    budget: 380_000,
    team: ['david', 'mei'],
  },
  {
    code: 'OPX-007',
    name: 'Hybrid Working Programme',
    description: 'Policies, tools and office changes for hybrid working across the group.',
    portfolio: 'OPX',
    unit: 'CORP-HR',
    type: 'change',
    phase: 2,
    state: 'active',
    // The demo project manager's one project in the enterprise PMO: its changes go up to the COO.
    pm: 'pm',
    sponsor: 'hrdir',
    start: '2025-08-04',
    finish: '2026-06-30',
    budget: 150_000,
    team: ['james', 'laura'],
  },
  // Regulatory & Compliance
  {
    code: 'REG-001',
    name: 'CSRD Sustainability Reporting',
    description: 'Collect, assure and publish the sustainability disclosures the CSRD requires.',
    portfolio: 'REG',
    unit: 'FIN-CTL',
    type: 'change',
    phase: 1,
    state: 'active',
    pm: 'emma',
    sponsor: 'cfo',
    start: '2025-07-01',
    finish: '2026-12-31',
    budget: 720_000,
    team: ['michael', 'thomas', 'zoe'],
  },
  // Still open six weeks after its planned finish (as of DEMO_WRITTEN_ON): the one late project,
  // flagged "Past planned finish" on the projects list and its page.
  {
    code: 'REG-002',
    name: 'GDPR Data Retention Programme',
    description: 'Retention rules and automated deletion for personal data in twelve systems.',
    portfolio: 'REG',
    unit: 'TEC-DAT',
    type: 'it',
    phase: 2,
    state: 'active',
    pm: 'yusuf',
    sponsor: 'cfo',
    start: '2025-06-02',
    finish: '2026-03-31',
    budget: 460_000,
    team: ['zoe', 'ahmed', 'erik'],
  },
  {
    code: 'REG-003',
    name: 'Machinery Safety Compliance',
    description: 'Bring the product range in line with the new EU Machinery Regulation before it applies.',
    portfolio: 'REG',
    unit: 'ENG-MEC',
    type: 'engineering',
    phase: 1,
    state: 'active',
    pm: 'piotr',
    sponsor: 'engdir',
    start: '2025-09-15',
    finish: '2026-12-18',
    budget: 890_000,
    team: ['rachel', 'stefan', 'zoe'],
  },
  {
    code: 'REG-004',
    name: 'SOX Controls Automation',
    description: 'Automate the key financial controls and their evidence for the external audit.',
    portfolio: 'REG',
    unit: 'FIN-CTL',
    type: 'it',
    phase: 1,
    state: 'on_hold',
    pm: 'lena',
    sponsor: 'cfo',
    start: '2025-06-16',
    finish: '2026-10-30',
    budget: 330_000,
    team: ['michael', 'lucas'],
  },
  {
    code: 'REG-005',
    name: 'Export Control Screening',
    description: 'Screen customers and orders against sanctions lists before release.',
    portfolio: 'REG',
    unit: 'COM-SAL',
    type: 'change',
    phase: 0,
    state: 'active',
    pm: 'hannah',
    sponsor: 'comdir',
    start: '2025-09-08',
    finish: '2026-07-31',
    budget: 85_000,
    team: ['david', 'zoe'],
  },
  // Infrastructure Renewal
  {
    code: 'INF-001',
    name: 'Plant 2 Compressor Replacement',
    description: 'Replace the 1998 compressed-air plant at Plant 2 with variable-speed compressors and heat recovery.',
    portfolio: 'INF',
    unit: 'ENG-PLT',
    type: 'engineering',
    phase: 2,
    state: 'active',
    pm: 'victor',
    sponsor: 'engdir',
    start: '2025-06-02',
    finish: '2026-11-30',
    budget: 3_800_000,
    team: ['stefan', 'rachel', 'ana'],
  },
  {
    code: 'INF-002',
    name: 'Data Centre Network Refresh',
    description: 'Replace the core and access switches of both data centres; add a second carrier.',
    portfolio: 'INF',
    unit: 'TEC-INF',
    type: 'it',
    phase: 2,
    state: 'active',
    pm: 'lena',
    sponsor: 'cto',
    start: '2025-06-09',
    finish: '2026-07-31',
    budget: 1_100_000,
    team: ['fatima', 'ben', 'erik'],
  },
  {
    code: 'INF-003',
    name: 'Head Office Energy Retrofit',
    description: 'Heat pumps, insulation and solar on the head office; 40 % lower energy use.',
    portfolio: 'INF',
    unit: 'ENG-PLT',
    type: 'engineering',
    phase: 0,
    state: 'active',
    pm: 'victor',
    sponsor: 'ceo',
    start: '2025-10-13',
    finish: '2027-06-30',
    budget: 2_600_000,
    team: ['rachel', 'stefan', 'ana', 'michael'],
  },
  {
    code: 'INF-004',
    name: 'CNC Machining Cell Upgrade',
    description: 'Two five-axis machining centres with automated loading for the precision parts cell.',
    portfolio: 'INF',
    unit: 'ENG-MEC',
    type: 'engineering',
    phase: 1,
    state: 'on_hold',
    pm: 'piotr',
    sponsor: 'engdir',
    start: '2025-08-18',
    finish: '2026-09-30',
    budget: 1_450_000,
    team: ['rachel', 'stefan'],
  },
];

/** The IT delivery standard gets a second version; projects that started after it use it. */
export const V2_PUBLISHED_AT = '2025-09-01T08:00:00Z';
export const V1_PUBLISHED_AT = '2024-11-04T08:00:00Z';
