import { App, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import type { Portfolio } from '../../api/domain.ts';
import { useWrite } from '../../api/hooks.ts';
import { PersonSelect, PmoSelect } from '../../components/pickers.tsx';
import { CODE_RULE } from '../org/OrgUnitModal.tsx';
import { FormDrawer } from '../../components/FormDrawer.tsx';

interface Values {
  code: string;
  name: string;
  kind: 'portfolio' | 'program';
  description: string | null;
  pmoId: string;
  ownerPersonId: string | null;
}

export function PortfolioDrawer({ portfolio, onClose }: { portfolio: Portfolio | 'new' | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const isNew = portfolio === 'new';
  const save = useWrite(
    (v: Values) => {
      const body = { ...v, description: v.description?.trim() || null, ownerPersonId: v.ownerPersonId ?? null };
      return isNew
        ? api.post<Portfolio>('/portfolios', body)
        : api.patch<Portfolio>(`/portfolios/${(portfolio as Portfolio).id}`, {
            ...body,
            version: (portfolio as Portfolio).version,
          });
    },
    ['/portfolios'],
  );
  useEffect(() => {
    if (!portfolio) return;
    form.resetFields();
    form.setFieldsValue(portfolio === 'new' ? { kind: 'portfolio' } : portfolio);
  }, [portfolio, form]);
  return (
    <FormDrawer<Values>
      title={isNew ? 'New portfolio' : 'Edit portfolio'}
      open={portfolio !== null}
      onClose={onClose}
      submitLabel={isNew ? 'Create portfolio' : 'Save'}
      pending={save.isPending}
      form={form}
      width={480}
      onFinish={async (v) => {
        const saved = await save.mutateAsync(v);
        message.success(`${saved.name} saved.`);
        onClose();
        if (isNew) navigate(`/portfolios/${saved.id}`);
      }}
    >
      <Form.Item label="Code" name="code" rules={[{ required: true, message: 'Enter a code' }, { max: 40 }, CODE_RULE]}>
        <Input autoFocus />
      </Form.Item>
      <Form.Item label="Name" name="name" rules={[{ required: true, whitespace: true, message: 'Enter a name' }, { max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item label="Kind" name="kind" rules={[{ required: true }]}>
        <Select
          options={[
            { value: 'portfolio', label: 'Portfolio' },
            { value: 'program', label: 'Program' },
          ]}
        />
      </Form.Item>
      <Form.Item label="Governing PMO" name="pmoId" rules={[{ required: true, message: 'Choose the PMO' }]}>
        <PmoSelect />
      </Form.Item>
      <Form.Item label="Owner" name="ownerPersonId">
        <PersonSelect allowClear />
      </Form.Item>
      <Form.Item label="Description" name="description" rules={[{ max: 4000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormDrawer>
  );
}
