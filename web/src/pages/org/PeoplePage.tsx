import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Person, Skill } from '../../api/domain.ts';
import { useList } from '../../api/hooks.ts';
import { can, useMe } from '../../api/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { OrgUnitSelect } from '../../components/pickers.tsx';
import { formatMoney, matchesSearch } from '../../lib/format.ts';
import { PersonDrawer } from './PersonDrawer.tsx';

/** Everyone in the organisation: filter by org unit and skill, search by name or e-mail. */
export default function PeoplePage() {
  const me = useMe().data;
  const [orgUnitId, setOrgUnitId] = useState<string | null>(null);
  const [skillId, setSkillId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const people = useList<Person>('/people', { orgUnitId: orgUnitId ?? undefined, skillId: skillId ?? undefined });
  const skills = useList<Skill>('/skills');
  const rows = (people.data ?? []).filter((p) => matchesSearch(search, p.name, p.email, p.jobTitle));
  const units = [...new Set((people.data ?? []).map((p) => p.orgUnitName).filter((n): n is string => Boolean(n)))].sort();

  return (
    <>
      <PageHeader
        title="People"
        subtitle="Skills, capacity and cost rates of everyone who can work on projects."
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Organisation' }, { title: 'People' }]}
        extra={
          can(me, 'people.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              New person
            </Button>
          )
        }
      />
      {people.error && <ErrorAlert error={people.error} onRetry={() => people.refetch()} />}
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            placeholder="Search name, e-mail, job title"
            aria-label="Search people"
            allowClear
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 280 }}
          />
          <div style={{ width: 260 }}>
            <OrgUnitSelect
              aria-label="Filter by org unit"
              placeholder="Any org unit"
              allowClear
              value={orgUnitId}
              onChange={setOrgUnitId}
            />
          </div>
          <Select
            aria-label="Filter by skill"
            placeholder="Any skill"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={skillId ?? undefined}
            onChange={(v) => setSkillId(v ?? null)}
            options={(skills.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            style={{ width: 220 }}
          />
        </Flex>
        <Table<Person>
          rowKey="id"
          loading={people.isLoading}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: 'Nobody matches these filters.' }}
          columns={[
            {
              title: 'Name',
              dataIndex: 'name',
              sorter: (a, b) => a.name.localeCompare(b.name),
              defaultSortOrder: 'ascend',
              render: (n: string, p) => <Link to={`/people/${p.id}`}>{n}</Link>,
            },
            {
              title: 'Job title',
              dataIndex: 'jobTitle',
              sorter: (a, b) => (a.jobTitle ?? '').localeCompare(b.jobTitle ?? ''),
              render: (t: string | null) => t ?? '—',
            },
            {
              title: 'Org unit',
              dataIndex: 'orgUnitName',
              filters: units.map((u) => ({ text: u, value: u })),
              onFilter: (v, p) => p.orgUnitName === v,
              sorter: (a, b) => (a.orgUnitName ?? '').localeCompare(b.orgUnitName ?? ''),
              render: (n: string | null) => n ?? '—',
            },
            { title: 'Hours / week', dataIndex: 'weeklyHours', align: 'right', sorter: (a, b) => a.weeklyHours - b.weeklyHours },
            {
              title: 'Availability',
              dataIndex: 'availability',
              align: 'right',
              sorter: (a, b) => a.availability - b.availability,
              render: (v: number) => `${Math.round(v * 100)} %`,
            },
            {
              title: 'Cost rate',
              dataIndex: 'costRate',
              align: 'right',
              sorter: (a, b) => a.costRate - b.costRate,
              render: (v: number) => `${formatMoney(v)}/h`,
            },
            {
              title: 'Status',
              dataIndex: 'active',
              filters: [
                { text: 'Active', value: true },
                { text: 'Inactive', value: false },
              ],
              onFilter: (v, p) => p.active === v,
              render: (a: boolean) => (a ? <Tag color="green">Active</Tag> : <Tag>Inactive</Tag>),
            },
          ]}
        />
      </Card>
      <PersonDrawer person={creating ? 'new' : null} onClose={() => setCreating(false)} />
    </>
  );
}
