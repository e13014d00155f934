import {
  AlertOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AreaChartOutlined,
  AuditOutlined,
  BankOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  DownOutlined,
  FileAddOutlined,
  FileDoneOutlined,
  FolderOpenOutlined,
  FundOutlined,
  LogoutOutlined,
  OrderedListOutlined,
  ProfileOutlined,
  ProjectOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Avatar, Button, Dropdown, Flex, Grid, Layout, Menu, type MenuProps, Tag, Typography } from 'antd';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { can } from '../api/session.ts';
import type { Me } from '../api/types.ts';
import { roleLabel } from '../lib/format.ts';
import { NotificationBell } from './NotificationBell.tsx';
import { QuickFind } from './QuickFind.tsx';

interface NavEntry {
  key: string;
  label: string;
  icon?: ReactNode;
  /** Shown to those holding it (or, given several, any of them). */
  permission?: string | string[];
  children?: NavEntry[];
}

const NAV: NavEntry[] = [
  { key: '/dashboard', label: 'Dashboard', icon: <FundOutlined />, permission: 'projects.read' },
  { key: '/overview', label: 'Overview', icon: <DashboardOutlined /> },
  { key: '/projects', label: 'Projects', icon: <ProjectOutlined />, permission: 'projects.read' },
  { key: '/requests', label: 'Requests', icon: <FileAddOutlined />, permission: 'requests.read' },
  { key: '/portfolios', label: 'Portfolios', icon: <FolderOpenOutlined />, permission: 'portfolios.read' },
  { key: '/review', label: 'Review queue', icon: <OrderedListOutlined />, permission: 'requests.review' },
  { key: '/reports/review', label: 'Reports to review', icon: <FileDoneOutlined />, permission: 'reports.review' },
  { key: '/escalations', label: 'Escalations', icon: <AlertOutlined />, permission: ['raid.guide', 'raid.manage'] },
  {
    key: '/approvals',
    label: 'Approvals',
    icon: <CheckSquareOutlined />,
    permission: ['approvals.request', 'approvals.decide'],
  },
  { key: '/pmos', label: 'PMOs', icon: <BankOutlined />, permission: 'pmo.read' },
  { key: '/standards', label: 'Standards', icon: <ProfileOutlined />, permission: 'standards.read' },
  { key: '/resources/capacity', label: 'Capacity', icon: <AreaChartOutlined />, permission: 'resources.read' },
  {
    key: 'training',
    label: 'Training',
    icon: <ReadOutlined />,
    permission: 'training.read',
    children: [
      { key: '/training/courses', label: 'Courses' },
      { key: '/training/qualification', label: 'Qualification', permission: 'training.manage' },
      { key: '/training/mentoring', label: 'Mentoring' },
    ],
  },
  {
    key: 'org',
    label: 'Organisation',
    icon: <ApartmentOutlined />,
    permission: 'org.read',
    children: [
      { key: '/org/units', label: 'Org units' },
      { key: '/org/positions', label: 'Executive positions' },
      { key: '/people', label: 'People' },
      { key: '/skills', label: 'Skills' },
    ],
  },
  { key: '/admin/users', label: 'Users', icon: <TeamOutlined />, permission: 'users.manage' },
  { key: '/admin/webhooks', label: 'Webhooks', icon: <ApiOutlined />, permission: 'webhooks.manage' },
  { key: '/audit', label: 'Audit trail', icon: <AuditOutlined />, permission: 'audit.read' },
];

function visibleNav(me: Me): NonNullable<MenuProps['items']> {
  const build = (entries: NavEntry[]): NonNullable<MenuProps['items']> =>
    entries
      .filter((e) => !e.permission || [e.permission].flat().some((p) => can(me, p)))
      .map((e) =>
        e.children
          ? { key: e.key, label: e.label, icon: e.icon, children: build(e.children) }
          : { key: e.key, icon: e.icon, label: <Link to={e.key}>{e.label}</Link> },
      );
  return build(NAV);
}

/** The menu key for a path: the longest nav entry that prefixes it. */
function selectedKey(pathname: string): string {
  const keys = NAV.flatMap((e) => (e.children ? e.children.map((c) => c.key) : [e.key])).filter((k) => k !== '/');
  const match = keys.filter((k) => pathname === k || pathname.startsWith(`${k}/`)).sort((a, b) => b.length - a.length)[0];
  if (match) return match;
  if (pathname.startsWith('/project-types')) return '/standards';
  // My account and unknown pages are not under Overview: nothing is highlighted.
  return pathname === '/' ? '/overview' : '';
}

/** Left navigation, top bar with the user menu, and the page. */
export function AppShell({ me, children }: { me: Me; children: ReactNode }) {
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [collapsed, setCollapsed] = useState(false);
  // On a phone the header has room for the bell and the avatar only: the roles and the name move
  // into the user menu, so nothing overlaps the navigation's logo.
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const items = useMemo(() => visibleNav(me), [me]);
  const selected = selectedKey(location.pathname);
  // After client-side navigation, move focus to the new page so keyboard and screen-reader
  // users start there rather than on the link they left.
  const firstPath = useRef(location.pathname);
  useEffect(() => {
    if (location.pathname === firstPath.current) return;
    firstPath.current = '';
    document.getElementById('main')?.focus({ preventScroll: false });
  }, [location.pathname]);
  const openKeys = selected.startsWith('/org') || selected === '/people' || selected === '/skills' ? ['org'] : [];
  if (selected.startsWith('/training/')) openKeys.push('training');

  const signOut = async () => {
    try {
      await api.post('/auth/logout', undefined, { noRedirect: true });
    } catch {
      // Signing out of an expired session is still signing out.
    }
    queryClient.clear();
    message.success('You are signed out.');
    navigate('/login', { replace: true });
  };

  const userMenu: MenuProps = {
    items: [
      ...(narrow
        ? [
            {
              key: 'who',
              type: 'group' as const,
              label: (
                <span>
                  {me.name}
                  <br />
                  {me.roles.map(roleLabel).join(', ')}
                </span>
              ),
            },
            { type: 'divider' as const },
          ]
        : []),
      { key: 'account', icon: <UserOutlined />, label: 'My account' },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: 'Sign out', danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'account') navigate('/account');
      if (key === 'logout') void signOut();
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main" className="tg-skip-link">
        Skip to content
      </a>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={232}
        collapsedWidth={narrow ? 56 : 80}
        breakpoint="lg"
        theme="dark"
      >
        <Link
          to="/"
          aria-label="Tollgate home"
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: collapsed ? 'center' : 'flex-start',
            gap: 10,
            height: 64,
            padding: collapsed ? 0 : '0 20px',
            overflow: 'hidden',
          }}
        >
          <SafetyCertificateOutlined style={{ fontSize: 22, color: '#93c5fd' }} aria-hidden />
          {!collapsed && <span style={{ color: '#fff', fontSize: 18, fontWeight: 600, letterSpacing: 0.3 }}>Tollgate</span>}
        </Link>
        <nav aria-label="Main">
          <Menu theme="dark" mode="inline" selectedKeys={[selected]} defaultOpenKeys={openKeys} items={items} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'flex-end',
            padding: narrow ? '0 8px' : '0 24px',
            borderBottom: '1px solid #e5e7eb',
            gap: narrow ? 4 : 12,
            minWidth: 0,
          }}
        >
          <div style={{ marginInlineEnd: 'auto' }}>
            <QuickFind />
          </div>
          {!narrow && (
            <Flex gap={4} wrap style={{ minWidth: 0, overflow: 'hidden', maxHeight: 64 }} role="list" aria-label="Your roles">
              {me.roles.map((r) => (
                <Tag key={r} color="blue" style={{ marginInlineEnd: 0 }} role="listitem">
                  {roleLabel(r)}
                </Tag>
              ))}
            </Flex>
          )}
          <NotificationBell />
          <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
            <Button type="text" style={{ height: 48, paddingInline: narrow ? 4 : undefined }}>
              <Flex gap={8} align="center">
                <Avatar size="small" style={{ background: '#1d4ed8' }} aria-hidden>
                  {me.name.slice(0, 1).toUpperCase()}
                </Avatar>
                {/* Named by its content, "User menu for Olivia Bennett", which holds the name it shows. */}
                <span className="tg-visually-hidden">User menu for </span>
                <Typography.Text strong className={narrow ? 'tg-visually-hidden' : undefined}>
                  {me.name}
                </Typography.Text>
                <DownOutlined style={{ fontSize: 10 }} aria-hidden />
              </Flex>
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content
          id="main"
          tabIndex={-1}
          style={{ padding: narrow ? 12 : 24, maxWidth: 1440, width: '100%', margin: '0 auto', outline: 'none', minWidth: 0 }}
        >
          {children}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
