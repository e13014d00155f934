import { Card, Result, Skeleton } from 'antd';
import { type ComponentType, type LazyExoticComponent, type ReactElement, Suspense, lazy } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { can, useMe } from './api/session.ts';
import type { Me } from './api/types.ts';
import { AppShell } from './components/AppShell.tsx';
import { ErrorAlert } from './components/QueryState.tsx';
import { landingFor } from './lib/landing.ts';

const page = (load: () => Promise<{ default: ComponentType }>): LazyExoticComponent<ComponentType> => lazy(load);

const LoginPage = page(() => import('./pages/login/LoginPage.tsx'));
const HomePage = page(() => import('./pages/home/HomePage.tsx'));
const DashboardPage = page(() => import('./pages/dashboard/DashboardPage.tsx'));
const AccountPage = page(() => import('./pages/account/AccountPage.tsx'));
const UsersPage = page(() => import('./pages/users/UsersPage.tsx'));
const AuditPage = page(() => import('./pages/audit/AuditPage.tsx'));
const WebhooksPage = page(() => import('./pages/webhooks/WebhooksPage.tsx'));
const WebhookPage = page(() => import('./pages/webhooks/WebhookPage.tsx'));
const OrgUnitsPage = page(() => import('./pages/org/OrgUnitsPage.tsx'));
const PositionsPage = page(() => import('./pages/org/PositionsPage.tsx'));
const PeoplePage = page(() => import('./pages/org/PeoplePage.tsx'));
const PersonPage = page(() => import('./pages/org/PersonPage.tsx'));
const SkillsPage = page(() => import('./pages/org/SkillsPage.tsx'));
const PmosPage = page(() => import('./pages/pmos/PmosPage.tsx'));
const PmoPage = page(() => import('./pages/pmos/PmoPage.tsx'));
const ProjectTypesPage = page(() => import('./pages/standards/ProjectTypesPage.tsx'));
const ProjectTypePage = page(() => import('./pages/standards/ProjectTypePage.tsx'));
const ProjectsPage = page(() => import('./pages/projects/ProjectsPage.tsx'));
const ProjectPage = page(() => import('./pages/projects/ProjectPage.tsx'));
const RequestsPage = page(() => import('./pages/requests/RequestsPage.tsx'));
const RequestPage = page(() => import('./pages/requests/RequestPage.tsx'));
const RequestEditPage = page(() => import('./pages/requests/RequestEditPage.tsx'));
const PortfoliosPage = page(() => import('./pages/portfolios/PortfoliosPage.tsx'));
const PortfolioPage = page(() => import('./pages/portfolios/PortfolioPage.tsx'));
const CapacityPage = page(() => import('./pages/resources/CapacityPage.tsx'));
const CoursesPage = page(() => import('./pages/training/CoursesPage.tsx'));
const QualificationPage = page(() => import('./pages/training/QualificationPage.tsx'));
const MentoringPage = page(() => import('./pages/training/MentoringPage.tsx'));
const ReviewQueuePage = page(() => import('./pages/review/ReviewQueuePage.tsx'));
const StatusReportPage = page(() => import('./pages/reports/StatusReportPage.tsx'));
const ReportsToReviewPage = page(() => import('./pages/reports/ReportsToReviewPage.tsx'));
const EscalationsPage = page(() => import('./pages/escalations/EscalationsPage.tsx'));
const ApprovalsPage = page(() => import('./pages/approvals/ApprovalsPage.tsx'));
const ApprovalPage = page(() => import('./pages/approvals/ApprovalPage.tsx'));

function PageLoading() {
  return (
    <Card aria-busy="true" aria-label="Loading page">
      <Skeleton active paragraph={{ rows: 6 }} />
    </Card>
  );
}

function Forbidden() {
  return (
    <Result
      status="403"
      title="No access"
      subTitle="Your roles do not include this part of Tollgate."
      extra={<Link to="/">Back to the overview</Link>}
    />
  );
}

function NotFound() {
  return (
    <Result
      status="404"
      title="Page not found"
      subTitle="There is no page at this address."
      extra={<Link to="/">Back to the overview</Link>}
    />
  );
}

/**
 * Home: a PMO member or an executive lands on the portfolio dashboard; a project manager (and
 * anyone else) on the overview of their own work, which the others find under Overview.
 */
function Home({ me }: { me: Me }) {
  const landing = landingFor(me);
  if ((landing === 'pmo' || landing === 'executive') && can(me, 'projects.read')) return <Navigate to="/dashboard" replace />;
  return <HomePage />;
}

/** Pages need a signed-in caller; without one they go to /login and come back afterwards. */
function Authenticated() {
  const me = useMe();
  const location = useLocation();
  if (me.isLoading) {
    return (
      <div style={{ padding: 48 }}>
        <PageLoading />
      </div>
    );
  }
  if (me.error) {
    return (
      <div style={{ padding: 48 }}>
        <ErrorAlert error={me.error} onRetry={() => me.refetch()} title="Tollgate could not load your account" />
      </div>
    );
  }
  if (!me.data) {
    const from = location.pathname + location.search;
    return <Navigate to={from === '/' ? '/login' : `/login?from=${encodeURIComponent(from)}`} replace />;
  }
  const user = me.data;
  const guarded = (permission: string, element: ReactElement) => (can(user, permission) ? element : <Forbidden />);
  return (
    <AppShell me={user}>
      <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route path="/" element={<Home me={user} />} />
          <Route path="/overview" element={<HomePage />} />
          <Route path="/dashboard" element={guarded('projects.read', <DashboardPage />)} />
          <Route path="/account" element={<AccountPage />} />
          <Route path="/admin/users" element={guarded('users.manage', <UsersPage />)} />
          <Route path="/admin/webhooks" element={guarded('webhooks.manage', <WebhooksPage />)} />
          <Route path="/admin/webhooks/:id" element={guarded('webhooks.manage', <WebhookPage />)} />
          <Route path="/audit" element={guarded('audit.read', <AuditPage />)} />
          <Route path="/org/units" element={guarded('org.read', <OrgUnitsPage />)} />
          <Route path="/org/positions" element={guarded('org.read', <PositionsPage />)} />
          <Route path="/people" element={guarded('org.read', <PeoplePage />)} />
          <Route path="/people/:id" element={guarded('org.read', <PersonPage />)} />
          <Route path="/skills" element={guarded('org.read', <SkillsPage />)} />
          <Route path="/pmos" element={guarded('pmo.read', <PmosPage />)} />
          <Route path="/pmos/:id" element={guarded('pmo.read', <PmoPage />)} />
          <Route path="/standards" element={guarded('standards.read', <ProjectTypesPage />)} />
          <Route path="/standards/:id" element={guarded('standards.read', <ProjectTypePage />)} />
          <Route path="/projects" element={guarded('projects.read', <ProjectsPage />)} />
          <Route path="/projects/:id" element={guarded('projects.read', <ProjectPage />)} />
          <Route path="/projects/:id/status-reports/:reportId" element={guarded('projects.read', <StatusReportPage />)} />
          <Route path="/requests" element={guarded('requests.read', <RequestsPage />)} />
          <Route path="/requests/new" element={guarded('requests.create', <RequestEditPage />)} />
          <Route path="/requests/:id" element={guarded('requests.read', <RequestPage />)} />
          <Route path="/requests/:id/edit" element={guarded('requests.create', <RequestEditPage />)} />
          <Route path="/portfolios" element={guarded('portfolios.read', <PortfoliosPage />)} />
          <Route path="/portfolios/:id" element={guarded('portfolios.read', <PortfolioPage />)} />
          <Route path="/review" element={guarded('requests.review', <ReviewQueuePage />)} />
          <Route path="/reports/review" element={guarded('reports.review', <ReportsToReviewPage />)} />
          <Route path="/escalations" element={guarded('projects.read', <EscalationsPage />)} />
          <Route path="/escalations/:id" element={guarded('projects.read', <EscalationsPage />)} />
          <Route path="/approvals" element={guarded('projects.read', <ApprovalsPage />)} />
          <Route path="/approvals/:id" element={guarded('projects.read', <ApprovalPage />)} />
          <Route path="/resources/capacity" element={guarded('resources.read', <CapacityPage />)} />
          <Route path="/training/courses" element={guarded('training.read', <CoursesPage />)} />
          <Route path="/training/qualification" element={guarded('training.manage', <QualificationPage />)} />
          <Route path="/training/mentoring" element={guarded('training.read', <MentoringPage />)} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </AppShell>
  );
}

export function App() {
  return (
    <Suspense fallback={<div className="tg-boot">Loading Tollgate…</div>}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/*" element={<Authenticated />} />
      </Routes>
    </Suspense>
  );
}
