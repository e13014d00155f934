import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Person, Skill } from '../../api/domain.ts';
import { useList, usePagedList } from '../../api/hooks.ts';
import { can, useMe } from '../../api/session.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { OrgUnitSelect } from '../../components/pickers.tsx';
import { formatMoney, plural } from '../../lib/format.ts';
import { PAGE_SORT_HINT, nullsLast } from '../../lib/sort.ts';
import { PersonDrawer } from './PersonDrawer.tsx';

/**
 * Everyone in the organisation: filter by org unit, skill and status, search by name or e-mail;
 * the filters apply on the server, to the pages and to the export alike.
 */
export default function PeoplePage() {
  const me = useMe().data;
  const [orgUnitId, setOrgUnitId] = useState<string | null>(null);
  const [skillId, setSkillId] = useState<string | null>(null);
  const [active, setActive] = useState<'true' | 'false' | undefined>(undefined);
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const filters = { q: search || undefined, orgUnitId: orgUnitId ?? undefined, skillId: skillId ?? undefined, active };
  const people = usePagedList<Person>('/people', filters, { noun: (total) => plural(total, 'person', 'people') });
  const skills = useList<Skill>('/skills');

  return (
    <>
      <PageHeader
        title="People"
        subtitle="Skills, capacity and cost rates of everyone who can work on projects."
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Organisation' }, { title: 'People' }]}
        extra={
          <Flex gap={8} wrap>
            <ExportButton path="/api/v1/people" filters={filters} />
            {can(me, 'people.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                New person
              </Button>
            )}
          </Flex>
        }
      />
      {people.error && <ErrorAlert error={people.error} onRetry={() => people.refetch()} />}
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <SearchBox
            placeholder="Search name or e-mail"
            aria-label="Search people"
            value={search}
            onSearch={setSearch}
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
          <Select
            aria-label="Filter by status"
            placeholder="Active or not"
            allowClear
            value={active}
            onChange={(v) => setActive(v ?? undefined)}
            options={[
              { value: 'true', label: 'Active' },
              { value: 'false', label: 'Inactive' },
            ]}
            style={{ width: 150 }}
          />
        </Flex>
        <Table<Person>
          rowKey="id"
          loading={people.isFetching}
          dataSource={people.items}
          pagination={people.pagination}
          showSorterTooltip={{ title: PAGE_SORT_HINT }}
          locale={{ emptyText: 'Nobody matches these filters.' }}
          columns={[
            {
              title: 'Name',
              dataIndex: 'name',
              sorter: (a, b) => a.name.localeCompare(b.name),
              render: (n: string, p) => <Link to={`/people/${p.id}`}>{n}</Link>,
            },
            {
              title: 'Job title',
              dataIndex: 'jobTitle',
              sorter: nullsLast((p) => p.jobTitle),
              render: (t: string | null) => t ?? '—',
            },
            {
              title: 'Org unit',
              dataIndex: 'orgUnitName',
              sorter: nullsLast((p) => p.orgUnitName),
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
              // Null for callers who may not read cost rates: a dash, and last however sorted.
              sorter: nullsLast((p) => p.costRate),
              render: (v: number | null) => (v === null ? '—' : `${formatMoney(v)}/h`),
            },
            {
              title: 'Status',
              dataIndex: 'active',
              render: (a: boolean) => (a ? <Tag color="green">Active</Tag> : <Tag>Inactive</Tag>),
            },
          ]}
        />
      </Card>
      <PersonDrawer person={creating ? 'new' : null} onClose={() => setCreating(false)} />
    </>
  );
}
