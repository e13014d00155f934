import { App, Button, Card, Form, Input } from 'antd';
import { api } from '../../api/client.ts';
import { useServerErrors } from '../../components/useServerErrors.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordCard() {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useServerErrors(form);
  const onFinish = async ({ currentPassword, newPassword }: Values) => {
    try {
      await api.post('/auth/password', { currentPassword, newPassword });
      form.resetFields();
      message.success('Your password is changed. Your other sessions are signed out.');
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Card title="Change password">
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} validateTrigger={['onChange', 'onBlur']}>
        <Form.Item
          label="Current password"
          name="currentPassword"
          rules={[{ required: true, message: 'Enter your current password' }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="New password"
          name="newPassword"
          rules={[
            { required: true, message: 'Choose a new password' },
            { min: 10, message: 'Use at least 10 characters' },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="Repeat the new password"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: 'Repeat the new password' },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error('The passwords differ')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          Change password
        </Button>
      </Form>
    </Card>
  );
}
