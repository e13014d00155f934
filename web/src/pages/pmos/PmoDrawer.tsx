import { App, Flex, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { PMO_LEVELS, PMO_ORIENTATIONS, type Pmo } from '../../api/domain.ts';
import { useWrite } from '../../api/hooks.ts';
import { PmoSelect, PositionSelect } from '../../components/pickers.tsx';
import { orientationLabel } from '../../components/tags.tsx';
import { humanize } from '../../lib/format.ts';
import { CODE_RULE } from '../org/OrgUnitModal.tsx';
import { FormDrawer } from '../../components/FormDrawer.tsx';

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
    <FormDrawer<Values>
      title={isNew ? 'New PMO' : 'Edit PMO'}
      open={pmo !== null}
      onClose={onClose}
      submitLabel={isNew ? 'Create PMO' : 'Save'}
      pending={save.isPending}
      form={form}
      width={520}
      onFinish={async (v) => {
        const saved = await save.mutateAsync(v);
        message.success(`${saved.name} saved.`);
        onClose();
        if (isNew) navigate(`/pmos/${saved.id}`);
      }}
    >
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
    </FormDrawer>
  );
}
