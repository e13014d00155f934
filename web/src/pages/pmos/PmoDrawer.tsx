import { App, Button, Drawer, Flex, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { PMO_LEVELS, PMO_ORIENTATIONS, type Pmo } from '../../api/domain.ts';
import { useWrite } from '../../api/hooks.ts';
import { PmoSelect, PositionSelect } from '../../components/pickers.tsx';
import { orientationLabel } from '../../components/tags.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { humanize } from '../../lib/format.ts';
import { CODE_RULE } from '../org/OrgUnitModal.tsx';
import { EnterSubmits } from '../../components/EnterSubmits.tsx';

interface Values {
  code: string;
  name: string;
  description: string | null;
  level: Pmo['level'];
  orientation: Pmo['orientation'];
  reportsToPositionId: string;
  parentPmoId: string | null;
}

/** Create a PMO or edit its identity and reporting line. */
export function PmoDrawer({ pmo, onClose }: { pmo: Pmo | 'new' | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const showError = useServerErrors(form);
  const isNew = pmo === 'new';
  const save = useWrite(
    (v: Values) => {
      const body = { ...v, description: v.description?.trim() || null, parentPmoId: v.parentPmoId ?? null };
      return isNew
        ? api.post<Pmo>('/pmos', body)
        : api.patch<Pmo>(`/pmos/${(pmo as Pmo).id}`, { ...body, version: (pmo as Pmo).version });
    },
    ['/pmos', '/audit'],
  );
  useEffect(() => {
    if (!pmo) return;
    form.resetFields();
    if (pmo === 'new') form.setFieldsValue({ level: 'program', orientation: 'it' });
    else form.setFieldsValue(pmo);
  }, [pmo, form]);
  return (
    <Drawer
      title={isNew ? 'New PMO' : 'Edit PMO'}
      open={pmo !== null}
      onClose={onClose}
      size={520}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {isNew ? 'Create PMO' : 'Save'}
          </Button>
        </Flex>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        validateTrigger={['onChange', 'onBlur']}
        onFinish={async (v) => {
          try {
            const saved = await save.mutateAsync(v);
            message.success(`${saved.name} saved.`);
            onClose();
            if (isNew) navigate(`/pmos/${saved.id}`);
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
        <Flex gap={16}>
          <Form.Item label="Level" name="level" rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={PMO_LEVELS.map((l) => ({ value: l, label: humanize(l) }))} />
          </Form.Item>
          <Form.Item label="Orientation" name="orientation" rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={PMO_ORIENTATIONS.map((o) => ({ value: o, label: orientationLabel(o) }))} />
          </Form.Item>
        </Flex>
        <Form.Item
          label="Reports to"
          name="reportsToPositionId"
          rules={[{ required: true, message: 'Choose the executive position it reports to' }]}
        >
          <PositionSelect />
        </Form.Item>
        <Form.Item label="Parent PMO" name="parentPmoId" extra="A program PMO usually sits under an enterprise PMO.">
          <PmoSelect allowClear exclude={isNew ? undefined : (pmo as Pmo | null)?.id} />
        </Form.Item>
        <Form.Item label="Description" name="description" rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
