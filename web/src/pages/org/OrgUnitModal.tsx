import { App, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client.ts';
import type { OrgUnit } from '../../api/domain.ts';
import { useWrite } from '../../api/hooks.ts';
import { OrgUnitSelect } from '../../components/pickers.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { EnterSubmits } from '../../components/EnterSubmits.tsx';

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
  const showError = useServerErrors(form);
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
    <Modal
      title={isNew ? 'New org unit' : 'Edit org unit'}
      open={unit !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={isNew ? 'Create' : 'Save'}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        validateTrigger={['onChange', 'onBlur']}
        onFinish={async (v) => {
          try {
            const saved = await save.mutateAsync({ ...v, description: v.description?.trim() || null });
            message.success(`Org unit ${saved.name} saved.`);
            onClose();
          } catch (err) {
            showError(err);
          }
        }}
      >
        <EnterSubmits />
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
      </Form>
    </Modal>
  );
}
