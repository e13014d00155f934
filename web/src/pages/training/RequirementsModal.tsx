import { App, Checkbox, Modal, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import type { ProjectTypeSummary } from '../../api/domain.ts';
import { useList, useWrite } from '../../api/hooks.ts';
import type { Course } from '../../api/training.ts';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { ALL_ROLES, roleLabel } from '../../lib/format.ts';

const EVERY = '*';
const key = (role: string, typeId: string | null) => `${role}|${typeId ?? EVERY}`;

/** Which roles must complete a course: for every project type, or for chosen ones (roles × types). */
export function RequirementsModal({ course, onClose }: { course: Course | null; onClose: () => void }) {
  const types = useList<ProjectTypeSummary>('/project-types');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const { message } = App.useApp();
  const showError = useServerErrors();
  const save = useWrite(
    (c: Course) =>
      api.put(`/courses/${c.id}/requirements`, {
        version: c.version,
        requirements: [...chosen].map((k) => {
          const [role, type] = k.split('|') as [string, string];
          return { role, projectTypeId: type === EVERY ? null : type };
        }),
      }),
    ['/courses', '/training'],
  );
  useEffect(() => {
    if (course) setChosen(new Set(course.requirements.map((r) => key(r.role, r.projectTypeId))));
  }, [course]);

  const columns = [{ id: null, name: 'Every project type' }, ...(types.data ?? []).map((t) => ({ id: t.id, name: t.name }))];
  const toggle = (k: string, on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(k);
      else next.delete(k);
      return next;
    });

  return (
    <Modal
      title={course ? `Who must complete ${course.code}` : ''}
      open={course !== null}
      onCancel={onClose}
      okText="Save requirements"
      confirmLoading={save.isPending}
      width={Math.min(1100, 320 + columns.length * 150)}
      destroyOnHidden
      onOk={async () => {
        if (!course) return;
        try {
          await save.mutateAsync(course);
          message.success('Requirements saved.');
          onClose();
        } catch (err) {
          showError(err);
        }
      }}
    >
      <Typography.Paragraph type="secondary">
        Tick the roles that must hold a valid completion of {course?.title}: on every project type, or only on some. A project
        manager lacking a required course cannot be named on, or get the go-ahead for, a project of that type.
      </Typography.Paragraph>
      <Table
        rowKey="role"
        size="small"
        pagination={false}
        loading={types.isLoading}
        dataSource={ALL_ROLES.filter((r) => r !== 'admin').map((role) => ({ role }))}
        scroll={{ x: true }}
        columns={[
          { title: 'Role', dataIndex: 'role', render: (r: string) => roleLabel(r), fixed: 'left' },
          ...columns.map((t) => ({
            title: t.name,
            key: t.id ?? EVERY,
            align: 'center' as const,
            render: (_: unknown, row: { role: string }) => {
              const k = key(row.role, t.id);
              return (
                <Checkbox
                  checked={chosen.has(k)}
                  onChange={(e) => toggle(k, e.target.checked)}
                  aria-label={`${roleLabel(row.role)} on ${t.name}`}
                />
              );
            },
          })),
        ]}
      />
    </Modal>
  );
}
