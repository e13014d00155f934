import { EditOutlined, PlusOutlined, SafetyOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useList } from '../../api/hooks.ts';
import { can, leadsPmo, useMe } from '../../api/session.ts';
import type { Course } from '../../api/training.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { matchesSearch } from '../../lib/format.ts';
import { CourseDrawer } from './CourseDrawer.tsx';
import { RequirementsModal } from './RequirementsModal.tsx';
import { requirementLabel, validityLabel } from './trainingTags.tsx';

/** The PMOs' course catalogue and which roles and project types require each course. */
export default function CoursesPage() {
  const me = useMe().data;
  const manage = can(me, 'training.manage');
  const courses = useList<Course>('/courses');
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Course | 'new' | null>(null);
  const [requirements, setRequirements] = useState<Course | null>(null);
  const rows = (courses.data ?? []).filter((c) => matchesSearch(search, c.code, c.title, c.provider));
  const pmos = [...new Map((courses.data ?? []).map((c) => [c.pmo.id, c.pmo.name])).entries()];
  // The server decides (lead of a PMO governing the course's one); this only hides buttons that would fail.
  const mayEdit = (c: Course) => manage && (leadsPmo(me, c.pmo.id) || (me?.pmoMemberships.length ?? 0) > 0);

  return (
    <>
      <PageHeader
        title="Courses"
        subtitle="The training catalogue, and the courses each role must hold on each project type."
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Training' }, { title: 'Courses' }]}
        extra={
          <Flex gap={8} wrap>
            <ExportButton path="/api/v1/courses" filters={{ q: search.trim() || undefined }} />
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                New course
              </Button>
            )}
          </Flex>
        }
      />
      {courses.error && <ErrorAlert error={courses.error} onRetry={() => courses.refetch()} />}
      <Card>
        <Input.Search
          placeholder="Search code, title or provider"
          aria-label="Search courses"
          allowClear
          onChange={(e) => setSearch(e.target.value)}
          style={{ maxWidth: 320, marginBottom: 16 }}
        />
        <Table<Course>
          rowKey="id"
          loading={courses.isLoading}
          dataSource={rows}
          pagination={{ pageSize: 25, hideOnSinglePage: true }}
          locale={{ emptyText: search ? 'No course matches this search.' : 'No courses yet.' }}
          expandable={{
            rowExpandable: (c) => Boolean(c.description),
            expandedRowRender: (c) => <Typography.Paragraph style={{ margin: 0 }}>{c.description}</Typography.Paragraph>,
          }}
          columns={[
            { title: 'Code', dataIndex: 'code', sorter: (a, b) => a.code.localeCompare(b.code), defaultSortOrder: 'ascend' },
            {
              title: 'Title',
              dataIndex: 'title',
              sorter: (a, b) => a.title.localeCompare(b.title),
              render: (t: string, c) => (
                <span>
                  {t}
                  {c.provider && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {c.provider}
                      {c.durationHours ? ` · ${c.durationHours} h` : ''}
                    </Typography.Text>
                  )}
                </span>
              ),
            },
            {
              title: 'PMO',
              key: 'pmo',
              filters: pmos.map(([id, name]) => ({ text: name, value: id })),
              onFilter: (v, c) => c.pmo.id === v,
              render: (_, c) => <Link to={`/pmos/${c.pmo.id}`}>{c.pmo.name}</Link>,
            },
            {
              title: 'Validity',
              dataIndex: 'validityMonths',
              sorter: (a, b) => (a.validityMonths ?? 9999) - (b.validityMonths ?? 9999),
              render: validityLabel,
            },
            {
              title: 'Required for',
              key: 'required',
              filters: [
                { text: 'Required by someone', value: 'yes' },
                { text: 'Optional', value: 'no' },
              ],
              onFilter: (v, c) => c.requirements.length > 0 === (v === 'yes'),
              render: (_, c) =>
                c.requirements.length === 0 ? (
                  <Typography.Text type="secondary">Optional</Typography.Text>
                ) : (
                  <Flex gap={4} wrap>
                    {c.requirements.map((r) => (
                      <Tag key={`${r.role}-${r.projectTypeId}`} color="blue">
                        {requirementLabel(r)}
                      </Tag>
                    ))}
                  </Flex>
                ),
            },
            {
              title: 'Status',
              dataIndex: 'active',
              filters: [
                { text: 'Active', value: true },
                { text: 'Retired', value: false },
              ],
              defaultFilteredValue: [true],
              onFilter: (v, c) => c.active === v,
              render: (a: boolean) => (a ? <Tag color="green">Active</Tag> : <Tag>Retired</Tag>),
            },
            ...(manage
              ? [
                  {
                    title: <span className="tg-visually-hidden">Actions</span>,
                    key: 'actions',
                    render: (_: unknown, c: Course) =>
                      mayEdit(c) && (
                        <Flex gap={8}>
                          <Button
                            size="small"
                            icon={<EditOutlined />}
                            onClick={() => setEditing(c)}
                            aria-label={`Edit ${c.code}`}
                          >
                            Edit
                          </Button>
                          <Button
                            size="small"
                            icon={<SafetyOutlined />}
                            onClick={() => setRequirements(c)}
                            aria-label={`Requirements of ${c.code}`}
                          >
                            Requirements
                          </Button>
                        </Flex>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <CourseDrawer course={editing} onClose={() => setEditing(null)} />
      <RequirementsModal course={requirements} onClose={() => setRequirements(null)} />
    </>
  );
}
