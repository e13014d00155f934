import { App, Flex, Form, Input, InputNumber, Switch } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client.ts';
import { useWrite } from '../../api/hooks.ts';
import type { Course } from '../../api/training.ts';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { PmoSelect } from '../../components/pickers.tsx';

interface Values {
  pmoId: string;
  code: string;
  title: string;
  description: string | null;
  provider: string | null;
  durationHours: number | null;
  validityMonths: number | null;
  active: boolean;
}

const blank = (s: string | null | undefined) => s?.trim() || null;

/** Add a course to a PMO's catalogue, or edit (and retire) one. */
export function CourseDrawer({ course, onClose }: { course: Course | 'new' | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const isNew = course === 'new';
  const save = useWrite(
    (v: Values) => {
      const body = {
        code: v.code.trim(),
        title: v.title.trim(),
        description: blank(v.description),
        provider: blank(v.provider),
        durationHours: v.durationHours ?? null,
        validityMonths: v.validityMonths ?? null,
        active: v.active,
      };
      return isNew
        ? api.post<Course>('/courses', { ...body, pmoId: v.pmoId })
        : api.patch<Course>(`/courses/${(course as Course).id}`, { ...body, version: (course as Course).version });
    },
    ['/courses', '/training'],
  );
  useEffect(() => {
    if (!course) return;
    form.resetFields();
    if (course === 'new') form.setFieldsValue({ active: true });
    else form.setFieldsValue({ ...course, pmoId: course.pmo.id });
  }, [course, form]);

  return (
    <FormDrawer<Values>
      title={isNew ? 'New course' : 'Edit course'}
      open={course !== null}
      onClose={onClose}
      submitLabel={isNew ? 'Create course' : 'Save'}
      pending={save.isPending}
      form={form}
      width={520}
      onFinish={async (v) => {
        const saved = await save.mutateAsync(v);
        message.success(`${saved.code} saved.`);
        onClose();
      }}
    >
      <Form.Item label="PMO" name="pmoId" rules={[{ required: true, message: 'Choose the PMO that owns the course' }]}>
        <PmoSelect disabled={!isNew} />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item
          label="Code"
          name="code"
          style={{ width: 160 }}
          rules={[
            { required: true, whitespace: true, message: 'Enter a code' },
            { max: 40 },
            { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, message: 'Letters, digits, ., - and _' },
          ]}
        >
          <Input autoFocus />
        </Form.Item>
        <Form.Item
          label="Title"
          name="title"
          style={{ flex: 1 }}
          rules={[{ required: true, whitespace: true, message: 'Enter a title' }, { max: 200 }]}
        >
          <Input />
        </Form.Item>
      </Flex>
      <Form.Item label="Provider" name="provider" rules={[{ max: 200 }]}>
        <Input placeholder="Enterprise PMO, an academy, a vendor…" />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item label="Duration (hours)" name="durationHours" style={{ flex: 1 }}>
          <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          label="Valid for (months)"
          name="validityMonths"
          style={{ flex: 1 }}
          extra="Leave empty when a completion never expires."
        >
          <InputNumber min={1} max={600} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Form.Item label="Description" name="description" rules={[{ max: 8000 }]}>
        <Input.TextArea rows={4} />
      </Form.Item>
      <Form.Item label="Offered" name="active" valuePropName="checked" extra="A retired course stays on the records it has.">
        <Switch checkedChildren="Active" unCheckedChildren="Retired" />
      </Form.Item>
    </FormDrawer>
  );
}
