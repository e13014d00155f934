import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Person } from '../../api/domain.ts';
import { useList } from '../../api/hooks.ts';
import type { User } from '../../api/types.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { ALL_ROLES, formatDateTime, matchesSearch, roleLabel } from '../../lib/format.ts';
import { UserDrawer } from './UserDrawer.tsx';

/** Administration of accounts: who may sign in, with which roles. */
export default function UsersPage() {
  const users = useList<User>('/users');
  const people = useList<Person>('/people');
  const peopleById = new Map((people.data ?? []).map((p) => [p.id, p]));
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  App.useApp();
  const rows = (users.data ?? []).filter((u) => matchesSearch(search, u.displayName, u.email));
  return (
    <>
      <PageHeader
        title="Users"
        subtitle="Accounts that can sign in, and the roles that decide what they may do."
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Administration' }, { title: 'Users' }]}
        extra={
          <Flex gap={8} wrap>
            <ExportButton path="/api/v1/users" />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              New user
            </Button>
          </Flex>
        }
      />
      {users.error && <ErrorAlert error={users.error} onRetry={() => users.refetch()} />}
      <Card>
        <Input.Search
          placeholder="Search by name or e-mail"
          aria-label="Search users"
          allowClear
          onChange={(e) => setSearch(e.target.value)}
          style={{ maxWidth: 360, marginBottom: 16 }}
        />
        <Table<User>
          rowKey="id"
          loading={users.isLoading}
          dataSource={rows}
          pagination={{ pageSize: 25, hideOnSinglePage: true }}
          locale={{ emptyText: search ? 'No user matches this search.' : 'No user accounts yet.' }}
          columns={[
            {
              title: 'Name',
              dataIndex: 'displayName',
              sorter: (a, b) => a.displayName.localeCompare(b.displayName),
              defaultSortOrder: 'ascend',
              render: (name: string, u) => (
                <Button type="link" style={{ padding: 0 }} onClick={() => setEditing(u)}>
                  {name}
                </Button>
              ),
            },
            { title: 'E-mail', dataIndex: 'email', sorter: (a, b) => a.email.localeCompare(b.email) },
            {
              title: 'Person',
              dataIndex: 'personId',
              render: (id: string | null) => {
                const person = id ? peopleById.get(id) : undefined;
                return person ? <Link to={`/people/${person.id}`}>{person.name}</Link> : '—';
              },
            },
            {
              title: 'Roles',
              dataIndex: 'roles',
              filters: ALL_ROLES.map((r) => ({ text: roleLabel(r), value: r })),
              onFilter: (value, u) => u.roles.includes(String(value)),
              render: (roles: string[]) =>
                roles.length === 0 ? (
                  <Typography.Text type="secondary">None</Typography.Text>
                ) : (
                  roles.map((r) => <Tag key={r}>{roleLabel(r)}</Tag>)
                ),
            },
            {
              title: 'Status',
              dataIndex: 'active',
              filters: [
                { text: 'Active', value: true },
                { text: 'Deactivated', value: false },
              ],
              onFilter: (value, u) => u.active === value,
              render: (active: boolean) => (active ? <Tag color="green">Active</Tag> : <Tag>Deactivated</Tag>),
            },
            {
              title: 'Last sign-in',
              dataIndex: 'lastLoginAt',
              sorter: (a, b) => (a.lastLoginAt ?? '').localeCompare(b.lastLoginAt ?? ''),
              render: (v: string | null) => (v ? formatDateTime(v) : 'Never'),
            },
          ]}
        />
      </Card>
      <UserDrawer user={editing} onClose={() => setEditing(null)} />
    </>
  );
}
