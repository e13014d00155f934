import { LockOutlined, MailOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../../api/client.ts';
import { ME_KEY, retryWhen, useMe } from '../../api/session.ts';
import type { LoginResult } from '../../api/types.ts';

interface LoginValues {
  email: string;
  password: string;
}

/** Only same-site paths: never send someone to another origin after sign-in. */
function safeReturnPath(from: string | null): string {
  if (!from?.startsWith('/') || from.startsWith('//') || from.startsWith('/login')) return '/';
  return from;
}

function describe(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'TOO_MANY_ATTEMPTS') {
      return `Too many failed sign-in attempts from here. Try again ${retryWhen(error.retryAfterSeconds)}.`;
    }
    if (error.status === 401) return 'The e-mail or password is not correct.';
    return error.message;
  }
  return 'Signing in failed. Try again.';
}

export default function LoginPage() {
  const [form] = Form.useForm<LoginValues>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const target = safeReturnPath(params.get('from'));

  useEffect(() => {
    document.title = 'Sign in · Tollgate';
  }, []);

  if (me.data && !submitting) return <Navigate to={target} replace />;

  const onFinish = async (values: LoginValues) => {
    setSubmitting(true);
    setError(null);
    try {
      const reply = await api.post<LoginResult>('/auth/login', values, { noRedirect: true });
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, reply.me);
      navigate(target, { replace: true });
    } catch (err) {
      setError(describe(err));
      form.setFieldValue('password', '');
      form.getFieldInstance('password')?.focus?.();
      setSubmitting(false);
    }
  };

  return (
    <Flex
      component="main"
      justify="center"
      align="center"
      style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #0f172a 0%, #1e3a8a 60%, #1d4ed8 100%)', padding: 16 }}
    >
      <Card style={{ width: '100%', maxWidth: 400 }} styles={{ body: { padding: 32 } }}>
        <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
          <SafetyCertificateOutlined style={{ fontSize: 36, color: '#1d4ed8' }} aria-hidden />
          <Typography.Title level={1} style={{ margin: 0, fontSize: 26 }}>
            Sign in to Tollgate
          </Typography.Title>
          <Typography.Text type="secondary">Governance for every project, in one place.</Typography.Text>
        </Flex>
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
        <Form<LoginValues>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          requiredMark={false}
          validateTrigger={['onChange', 'onBlur']}
        >
          <Form.Item
            label="E-mail"
            name="email"
            rules={[
              { required: true, message: 'Enter your e-mail address' },
              { type: 'email', message: 'This is not an e-mail address' },
            ]}
          >
            <Input prefix={<MailOutlined aria-hidden />} autoComplete="username" autoFocus size="large" inputMode="email" />
          </Form.Item>
          <Form.Item label="Password" name="password" rules={[{ required: true, message: 'Enter your password' }]}>
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
            Sign in
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
