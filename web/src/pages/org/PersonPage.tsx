import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Flex, List, Rate, Row, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { PersonDetail } from '../../api/domain.ts';
import { useRecord } from '../../api/hooks.ts';
import { can, useMe } from '../../api/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RecordState } from '../../components/QueryState.tsx';
import { RecordHistory } from '../../components/RecordHistory.tsx';
import { formatMoney, roleLabel } from '../../lib/format.ts';
import { PersonCapacityTab } from '../resources/PersonCapacityTab.tsx';
import { PersonTrainingTab } from '../training/PersonTrainingTab.tsx';
import { PersonDrawer } from './PersonDrawer.tsx';
import { SkillsEditor } from './SkillsEditor.tsx';

export const SKILL_LEVELS = ['Novice', 'Advanced beginner', 'Competent', 'Proficient', 'Expert'];

export default function PersonPage() {
  const { id = '' } = useParams();
  const me = useMe().data;
  const person = useRecord<PersonDetail>(`/people/${id}`);
  const [editing, setEditing] = useState(false);
  const [editingSkills, setEditingSkills] = useState(false);
  const manage = can(me, 'people.manage');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'overview';
  const crumbs = [
    { title: 'Overview', to: '/' },
    { title: 'People', to: '/people' },
  ];

  return (
    <RecordState
      isLoading={person.isLoading}
      error={person.error}
      refetch={() => person.refetch()}
      backTo={{ to: '/people', label: 'Back to people' }}
    >
      {() => {
        const p = person.data as PersonDetail;
        return (
          <>
            <PageHeader
              title={p.name}
              subtitle={p.jobTitle ?? undefined}
              tags={p.active ? <Tag color="green">Active</Tag> : <Tag>Inactive</Tag>}
              breadcrumbs={[...crumbs, { title: p.name }]}
              extra={
                manage && (
                  <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                    Edit
                  </Button>
                )
              }
            />
            <Tabs
              activeKey={tab}
              onChange={(key) => setParams(key === 'overview' ? {} : { tab: key }, { replace: true })}
              items={[
                {
                  key: 'overview',
                  label: 'Overview',
                  children: (
                    <Row gutter={[16, 16]}>
                      <Col xs={24} xl={14}>
                        <Flex vertical gap={16}>
                          <Card title="Details">
                            <Descriptions
                              column={{ xs: 1, md: 2 }}
                              items={[
                                { key: 'email', label: 'E-mail', children: <a href={`mailto:${p.email}`}>{p.email}</a> },
                                {
                                  key: 'unit',
                                  label: 'Org unit',
                                  children: p.orgUnit ? `${p.orgUnit.name} (${p.orgUnit.code})` : '—',
                                },
                                { key: 'hours', label: 'Hours per week', children: p.weeklyHours },
                                {
                                  key: 'availability',
                                  label: 'Available for projects',
                                  children: `${Math.round(p.availability * 100)} %`,
                                },
                                {
                                  key: 'capacity',
                                  label: 'Project capacity',
                                  children: `${Math.round(p.weeklyHours * p.availability * 10) / 10} h/week`,
                                },
                                {
                                  key: 'rate',
                                  label: 'Cost rate',
                                  children: p.costRate === null ? '—' : `${formatMoney(p.costRate)} per hour`,
                                },
                              ]}
                            />
                          </Card>
                          <Card
                            title="Skills"
                            extra={
                              manage && (
                                <Button size="small" onClick={() => setEditingSkills(true)}>
                                  Edit skills
                                </Button>
                              )
                            }
                          >
                            {p.skills.length === 0 ? (
                              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No skills recorded." />
                            ) : (
                              <List
                                dataSource={[...p.skills].sort((a, b) => b.level - a.level || a.name.localeCompare(b.name))}
                                renderItem={(s) => (
                                  <List.Item key={s.skillId} extra={<Tag>{s.category}</Tag>}>
                                    <Flex gap={16} align="center" wrap style={{ width: '100%' }}>
                                      <Typography.Text strong style={{ minWidth: 180 }}>
                                        {s.name}
                                      </Typography.Text>
                                      <Rate disabled count={5} value={s.level} aria-label={`${s.name}: level ${s.level} of 5`} />
                                      <Typography.Text type="secondary">{SKILL_LEVELS[s.level - 1]}</Typography.Text>
                                    </Flex>
                                  </List.Item>
                                )}
                              />
                            )}
                          </Card>
                        </Flex>
                      </Col>
                      <Col xs={24} xl={10}>
                        <Flex vertical gap={16}>
                          <Card title="PMOs">
                            {p.pmos.length === 0 ? (
                              <Typography.Text type="secondary">Not a member of any PMO.</Typography.Text>
                            ) : (
                              <List
                                dataSource={p.pmos}
                                renderItem={(m) => (
                                  <List.Item key={m.pmoId}>
                                    <Link to={`/pmos/${m.pmoId}`}>{m.name}</Link> <Tag>{roleLabel(`pmo_${m.role}`)}</Tag>
                                  </List.Item>
                                )}
                              />
                            )}
                          </Card>
                          <Card title="Executive positions">
                            {p.positions.length === 0 ? (
                              <Typography.Text type="secondary">Holds no executive position.</Typography.Text>
                            ) : (
                              <List
                                dataSource={p.positions}
                                renderItem={(pos) => <List.Item key={pos.positionId}>{`${pos.code} · ${pos.title}`}</List.Item>}
                              />
                            )}
                          </Card>
                          <RecordHistory entityType="person" entityId={p.id} />
                        </Flex>
                      </Col>
                    </Row>
                  ),
                },
                ...(can(me, 'resources.read')
                  ? [{ key: 'capacity', label: 'Capacity', children: <PersonCapacityTab personId={p.id} /> }]
                  : []),
                // Training records are one's own, or anyone's for a training manager.
                ...(can(me, 'training.manage') || me?.personId === p.id
                  ? [{ key: 'training', label: 'Training', children: <PersonTrainingTab personId={p.id} /> }]
                  : []),
              ]}
            />
            <PersonDrawer person={editing ? p : null} onClose={() => setEditing(false)} />
            <SkillsEditor person={editingSkills ? p : null} onClose={() => setEditingSkills(false)} />
          </>
        );
      }}
    </RecordState>
  );
}
