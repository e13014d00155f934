import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import type { Skill } from '../../api/domain.ts';
import { useList, useWrite } from '../../api/hooks.ts';
import { can, useMe } from '../../api/session.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { matchesSearch } from '../../lib/format.ts';
import { FormModal } from '../../components/FormDrawer.tsx';

interface Values {
  name: string;
  category: string;
  description: string | null;
}

function SkillModal({ skill, onClose }: { skill: Skill | 'new' | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const isNew = skill === 'new';
  const save = useWrite(
    (v: Values) =>
      isNew
        ? api.post<Skill>('/skills', v)
        : api.patch<Skill>(`/skills/${(skill as Skill).id}`, { ...v, version: (skill as Skill).version }),
    ['/skills', '/people'],
  );
  useEffect(() => {
    if (!skill) return;
    form.resetFields();
    form.setFieldsValue(isNew ? { category: 'general' } : skill);
  }, [skill, isNew, form]);
  return (
    <FormModal<Values>
      title={isNew ? 'New skill' : 'Edit skill'}
      open={skill !== null}
      onClose={onClose}
      submitLabel={isNew ? 'Create' : 'Save'}
      pending={save.isPending}
      form={form}
      onFinish={async (v) => {
        const saved = await save.mutateAsync({ ...v, description: v.description?.trim() || null });
        message.success(`Skill ${saved.name} saved.`);
        onClose();
      }}
    >
      <Form.Item label="Name" name="name" rules={[{ required: true, whitespace: true, message: 'Enter a name' }, { max: 200 }]}>
        <Input autoFocus />
      </Form.Item>
      <Form.Item
        label="Category"
        name="category"
        rules={[{ required: true, whitespace: true, message: 'Enter a category' }, { max: 100 }]}
      >
        <Input />
      </Form.Item>
      <Form.Item label="Description" name="description" rules={[{ max: 4000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModal>
  );
}

/** The skills catalogue people are rated against (1 novice – 5 expert). */
export default function SkillsPage() {
  const me = useMe().data;
  const skills = useList<Skill>('/skills');
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Skill | 'new' | null>(null);
  const manage = can(me, 'skills.manage');
  const categories = [...new Set((skills.data ?? []).map((s) => s.category))].sort();
  const rows = (skills.data ?? []).filter((s) => matchesSearch(search, s.name, s.category, s.description));
  return (
    <>
      <PageHeader
        title="Skills"
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Organisation' }, { title: 'Skills' }]}
        extra={
          <Flex gap={8} wrap>
            <ExportButton path="/api/v1/skills" />
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                New skill
              </Button>
            )}
          </Flex>
        }
      />
      {skills.error && <ErrorAlert error={skills.error} onRetry={() => skills.refetch()} />}
      <Card>
        <Input.Search
          placeholder="Search skills"
          aria-label="Search skills"
          allowClear
          onChange={(e) => setSearch(e.target.value)}
          style={{ maxWidth: 320, marginBottom: 16 }}
        />
        <Table<Skill>
          rowKey="id"
          loading={skills.isLoading}
          dataSource={rows}
          pagination={{ pageSize: 25, hideOnSinglePage: true }}
          locale={{ emptyText: search ? 'No skill matches this search.' : 'No skills yet.' }}
          columns={[
            { title: 'Skill', dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name), defaultSortOrder: 'ascend' },
            {
              title: 'Category',
              dataIndex: 'category',
              filters: categories.map((c) => ({ text: c, value: c })),
              onFilter: (v, s) => s.category === v,
              render: (c: string) => <Tag>{c}</Tag>,
            },
            { title: 'People', dataIndex: 'peopleCount', sorter: (a, b) => a.peopleCount - b.peopleCount, align: 'right' },
            { title: 'Description', dataIndex: 'description', render: (d: string | null) => d ?? '—' },
            ...(manage
              ? [
                  {
                    title: <span className="tg-visually-hidden">Actions</span>,
                    key: 'edit',
                    render: (_: unknown, s: Skill) => (
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(s)} aria-label={`Edit ${s.name}`}>
                        Edit
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <SkillModal skill={editing} onClose={() => setEditing(null)} />
    </>
  );
}
