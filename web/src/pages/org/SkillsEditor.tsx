import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Modal, Rate, Select } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client.ts';
import type { PersonDetail, Skill } from '../../api/domain.ts';
import { useList, useWrite } from '../../api/hooks.ts';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { EnterSubmits } from '../../components/EnterSubmits.tsx';

interface Values {
  skills: { skillId: string; level: number }[];
}

/** Replace a person's skills and levels (PUT /people/{id}/skills). */
export function SkillsEditor({ person, onClose }: { person: PersonDetail | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useServerErrors(form);
  const catalogue = useList<Skill>('/skills');
  const save = useWrite(
    (v: Values) => api.put(`/people/${person?.id}/skills`, { version: person?.version, skills: v.skills }),
    ['/people', '/skills'],
  );
  useEffect(() => {
    if (person) form.setFieldsValue({ skills: person.skills.map((s) => ({ skillId: s.skillId, level: s.level })) });
  }, [person, form]);
  const chosen = Form.useWatch('skills', form) ?? [];

  return (
    <Modal
      title={`Skills of ${person?.name ?? ''}`}
      open={person !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="Save skills"
      confirmLoading={save.isPending}
      width={640}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          try {
            await save.mutateAsync(v);
            message.success('Skills saved.');
            onClose();
          } catch (err) {
            showError(err);
          }
        }}
      >
        <EnterSubmits />
        <Form.List name="skills">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={12} align="flex-start">
                  <Form.Item
                    name={[field.name, 'skillId']}
                    label={index === 0 ? 'Skill' : undefined}
                    rules={[{ required: true, message: 'Choose a skill' }]}
                    style={{ flex: 1, marginBottom: 8 }}
                  >
                    <Select
                      aria-label={`Skill ${index + 1}`}
                      showSearch={{ optionFilterProp: 'label' }}
                      options={(catalogue.data ?? []).map((s) => ({
                        value: s.id,
                        label: s.name,
                        disabled: chosen.some((c, i) => i !== index && c?.skillId === s.id),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'level']}
                    label={index === 0 ? 'Level' : undefined}
                    rules={[{ required: true, message: 'Rate 1 to 5' }]}
                    style={{ marginBottom: 8 }}
                  >
                    <Rate count={5} aria-label={`Level of skill ${index + 1}`} />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`Remove skill ${index + 1}`}
                    onClick={() => remove(field.name)}
                    style={{ marginTop: index === 0 ? 30 : 0 }}
                  />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ level: 3 })}>
                Add a skill
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
