import { App, Form, Input } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client.ts';
import type { OrgUnit } from '../../api/domain.ts';
import { useWrite } from '../../api/hooks.ts';
import { OrgUnitSelect } from '../../components/pickers.tsx';
import { FormModal } from '../../components/FormDrawer.tsx';

interface Values {
  code: string;
  name: string;
  description: string | null;
  parentId: string | null;
}

export const CODE_RULE = { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, message: 'Letters, digits, dot, dash and underscore only' };

export function OrgUnitModal({
  unit,
  parentId,
  onClose,
}: {
  unit: OrgUnit | 'new' | null;
  parentId: string | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const isNew = unit === 'new';
  const save = useWrite(
    (v: Values) =>
      isNew
        ? api.post<OrgUnit>('/org-units', v)
        : api.patch<OrgUnit>(`/org-units/${(unit as OrgUnit).id}`, { ...v, version: (unit as OrgUnit).version }),
    ['/org-units', '/people'],
  );
  useEffect(() => {
    if (!unit) return;
    form.resetFields();
    form.setFieldsValue(
      isNew ? { parentId } : { code: unit.code, name: unit.name, description: unit.description, parentId: unit.parentId },
    );
  }, [unit, isNew, parentId, form]);

  return (
    <FormModal<Values>
      title={isNew ? 'New org unit' : 'Edit org unit'}
      open={unit !== null}
      onClose={onClose}
      submitLabel={isNew ? 'Create' : 'Save'}
      pending={save.isPending}
      form={form}
      onFinish={async (v) => {
        const saved = await save.mutateAsync({ ...v, description: v.description?.trim() || null });
        message.success(`Org unit ${saved.name} saved.`);
        onClose();
      }}
    >
      <Form.Item label="Code" name="code" rules={[{ required: true, message: 'Enter a code' }, { max: 40 }, CODE_RULE]}>
        <Input autoFocus />
      </Form.Item>
      <Form.Item label="Name" name="name" rules={[{ required: true, whitespace: true, message: 'Enter a name' }, { max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item label="Part of" name="parentId" extra="Leave empty for a top-level unit.">
        <OrgUnitSelect allowClear />
      </Form.Item>
      <Form.Item label="Description" name="description" rules={[{ max: 4000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModal>
  );
}
