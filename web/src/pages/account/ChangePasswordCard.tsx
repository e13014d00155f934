import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { type PasswordChanged, retryWhen } from '../../api/session.ts';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { plural } from '../../lib/format.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
  revokeTokens: boolean;
}

/** What a password change ended, in words. */
export function describePasswordChange({ signedOutSessions, revokedTokens }: PasswordChanged, askedToRevoke: boolean): string {
  const sessions =
    signedOutSessions === 0
      ? 'You were signed in nowhere else.'
      : `${plural(signedOutSessions, 'other session')} ${signedOutSessions === 1 ? 'was' : 'were'} signed out.`;
  const tokens = !askedToRevoke
    ? 'Your API tokens keep working.'
    : revokedTokens === 0
      ? 'You had no API token to revoke.'
      : `${plural(revokedTokens, 'API token')} ${revokedTokens === 1 ? 'was' : 'were'} revoked: scripts using ${revokedTokens === 1 ? 'it' : 'them'} need a new one.`;
  return `${sessions} ${tokens}`;
}

export function ChangePasswordCard() {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useServerErrors(form);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const onFinish = async ({ currentPassword, newPassword, revokeTokens }: Values) => {
    setPending(true);
    setOutcome(null);
    try {
      const result = await api.post<PasswordChanged>('/auth/password', { currentPassword, newPassword, revokeTokens });
      form.resetFields();
      setOutcome(describePasswordChange(result, revokeTokens));
      await queryClient.invalidateQueries({ queryKey: ['/auth/tokens'] });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TOO_MANY_ATTEMPTS') {
        message.error(`Too many wrong passwords. Try again ${retryWhen(err.retryAfterSeconds)}.`, 8);
      } else {
        showError(err);
      }
    } finally {
      setPending(false);
    }
  };
  return (
    <Card title="Change password">
      {outcome && (
        <Alert
          type="success"
          showIcon
          role="status"
          title="Your password is changed."
          description={outcome}
          closable={{ onClose: () => setOutcome(null) }}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        validateTrigger={['onChange', 'onBlur']}
        initialValues={{ revokeTokens: true }}
      >
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
        <Form.Item
          name="revokeTokens"
          valuePropName="checked"
          extra="Your other sessions are always signed out. Revoke the tokens too if someone else may know the old password."
        >
          <Checkbox>Also revoke my API tokens</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={pending}>
          Change password
        </Button>
      </Form>
    </Card>
  );
}
