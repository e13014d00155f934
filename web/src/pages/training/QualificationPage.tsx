import { Card, Col, Empty, Flex, Row, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useList } from '../../api/hooks.ts';
import type { TrainingGap, TypeQualification } from '../../api/training.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { ProjectTypeSelect } from '../../components/pickers.tsx';
import { formatDate } from '../../lib/format.ts';
import { ExpiriesCard } from './ExpiriesCard.tsx';

function GapTag({ gap }: { gap: TrainingGap }) {
  return gap.reason === 'missing' ? (
    <Tag color="red">{gap.code} missing</Tag>
  ) : (
    <Tag color="orange">
      {gap.code} expired{gap.expiredOn ? ` ${formatDate(gap.expiredOn)}` : ''}
    </Tag>
  );
}

function TypeCard({ t }: { t: TypeQualification }) {
  return (
    <section data-testid={`qualification-${t.projectType.code}`} aria-label={`Qualification for ${t.projectType.name}`}>
      <Card
        title={t.projectType.name}
        extra={
          <Flex gap={4} wrap align="center">
            <Typography.Text type="secondary">Requires</Typography.Text>
            {t.requiredCourses.length === 0 ? (
              <Tag>no course</Tag>
            ) : (
              t.requiredCourses.map((c) => (
                <Tag key={c.id} title={c.title}>
                  {c.code}
                </Tag>
              ))
            )}
          </Flex>
        }
      >
        {t.anyoneQualifies ? (
          <Typography.Paragraph>This type requires no course: any project manager may run it.</Typography.Paragraph>
        ) : (
          <Row gutter={[24, 16]}>
            <Col xs={24} lg={9}>
              <Typography.Title level={2} style={{ fontSize: 15 }}>
                Qualified ({t.qualified.length})
              </Typography.Title>
              {t.qualified.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Nobody holds every required course." />
              ) : (
                <ul aria-label={`Qualified for ${t.projectType.name}`} style={{ paddingLeft: 18, margin: 0 }}>
                  {t.qualified.map((q) => (
                    <li key={q.person.id}>
                      <Link to={`/people/${q.person.id}?tab=training`}>{q.person.name}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </Col>
            <Col xs={24} lg={15}>
              <Typography.Title level={2} style={{ fontSize: 15 }}>
                Partially qualified ({t.partiallyQualified.length})
              </Typography.Title>
              <Table
                rowKey={(r) => r.person.id}
                size="small"
                aria-label={`Partially qualified for ${t.projectType.name}`}
                dataSource={t.partiallyQualified}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                locale={{ emptyText: 'Nobody is part way.' }}
                columns={[
                  {
                    title: 'Person',
                    key: 'person',
                    sorter: (a, b) => a.person.name.localeCompare(b.person.name),
                    render: (_, r) => <Link to={`/people/${r.person.id}?tab=training`}>{r.person.name}</Link>,
                  },
                  {
                    title: 'Missing or expired',
                    key: 'gaps',
                    filters: [
                      { text: 'Missing a course', value: 'missing' },
                      { text: 'A course expired', value: 'expired' },
                    ],
                    onFilter: (v, r) => r.gaps.some((g) => g.reason === v),
                    render: (_, r) => (
                      <Flex gap={4} wrap>
                        {r.gaps.map((g) => (
                          <GapTag key={g.courseId} gap={g} />
                        ))}
                      </Flex>
                    ),
                  },
                ]}
              />
            </Col>
          </Row>
        )}
      </Card>
    </section>
  );
}

/** Who may manage each project type (holds its required training), who lacks what, and what expires soon. */
export default function QualificationPage() {
  const [typeId, setTypeId] = useState<string | null>(null);
  const qualification = useList<TypeQualification>('/training/qualification', typeId ? { projectTypeId: typeId } : undefined);
  return (
    <>
      <PageHeader
        title="Qualification"
        subtitle="Who holds the training each project type requires of its project manager, and what is missing or expiring."
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Training' }, { title: 'Qualification' }]}
        extra={
          <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
            <label htmlFor="qualification-type">Project type</label>
            <ProjectTypeSelect
              id="qualification-type"
              allowClear
              placeholder="Every project type"
              value={typeId}
              onChange={setTypeId}
              style={{ width: 240 }}
            />
          </span>
        }
      />
      {qualification.error && <ErrorAlert error={qualification.error} onRetry={() => qualification.refetch()} />}
      <Flex vertical gap={16}>
        {qualification.isLoading && <Card loading />}
        {(qualification.data ?? []).map((t) => (
          <TypeCard key={t.projectType.id} t={t} />
        ))}
        <ExpiriesCard />
      </Flex>
    </>
  );
}
