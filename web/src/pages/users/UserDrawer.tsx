import { Alert, App, Button, Checkbox, Form, Input, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import type { Person } from '../../api/domain.ts';
import { useList, useWrite } from '../../api/hooks.ts';
import { PersonSelect } from '../../components/pickers.tsx';
import type { User } from '../../api/types.ts';
import { retryWhen } from '../../api/session.ts';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { ALL_ROLES, formatDateTime, plural, roleLabel } from '../../lib/format.ts';
import { FormDrawer } from '../../components/FormDrawer.tsx';

interface Values {
  email: string;
  displayName: string;
  password?: string;
  roles: string[];
  personId: string | null;
  active: boolean;
}

/**
 * Failed sign-ins of the account, and the admin's way to let its owner in at once (the waits
 * after failed attempts otherwise pass by themselves).
 */
function SignInThrottle({ user }: { user: User }) {
  const { message } = App.useApp();
  const showError = useServerErrors();
  const [cleared, setCleared] = useState(false);
  const unlock = useWrite(() => api.post<User>(`/users/${user.id}/unlock-sign-in`), ['/users']);
  const { failedAttempts, delayedUntil } = user.signIn ?? { failedAttempts: 0, delayedUntil: null };
  if (cleared || (failedAttempts === 0 && !delayedUntil)) return null;
  const waiting = delayedUntil && Date.parse(delayedUntil) > Date.now();
  const seconds = waiting ? Math.ceil((Date.parse(delayedUntil) - Date.now()) / 1000) : undefined;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={`${plural(failedAttempts, 'failed sign-in')} recently`}
      description={
        waiting
          ? `Sign-in is held back until ${formatDateTime(delayedUntil)} (${retryWhen(seconds)}), from some addresses or from every address this account has not signed in from before.`
          : 'No wait is in force; further failures make the next attempt wait.'
      }
      action={
        <Button
          size="small"
          loading={unlock.isPending}
          onClick={async () => {
            try {
              await unlock.mutateAsync(undefined);
              setCleared(true);
              message.success(`${user.displayName} can sign in again at once.`);
            } catch (err) {
              showError(err);
            }
          }}
        >
          Unlock sign-in
        </Button>
      }
    />
  );
}

/** Create a user, or edit one's name, roles and whether the account is active. */
export function UserDrawer({ user, onClose }: { user: User | 'new' | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const isNew = user === 'new';
  const people = useList<Person>('/people');
  const save = useWrite(
    (values: Values) =>
      isNew
        ? api.post<User>('/users', {
            email: values.email,
            displayName: values.displayName,
            password: values.password,
            roles: values.roles,
            personId: values.personId ?? null,
          })
        : api.patch<User>(`/users/${(user as User).id}`, {
            version: (user as User).version,
            displayName: values.displayName,
            roles: values.roles,
            personId: values.personId ?? null,
            active: values.active,
          }),
    ['/users'],
  );

  useEffect(() => {
    if (user === null) return;
    form.resetFields();
    if (user !== 'new')
      form.setFieldsValue({
        email: user.email,
        displayName: user.displayName,
        roles: user.roles,
        personId: user.personId,
        active: user.active,
      });
    else form.setFieldsValue({ roles: [], personId: null, active: true });
  }, [user, form]);

  return (
    <FormDrawer<Values>
      title={isNew ? 'New user' : `Edit ${user ? (user as User).displayName : ''}`}
      open={user !== null}
      onClose={onClose}
      submitLabel={isNew ? 'Create user' : 'Save'}
      pending={save.isPending}
      form={form}
      width={480}
      onFinish={async (values) => {
        const saved = await save.mutateAsync(values);
        message.success(isNew ? `User ${saved.displayName} created.` : `User ${saved.displayName} saved.`);
        onClose();
      }}
    >
      {user && user !== 'new' && <SignInThrottle key={user.id} user={user} />}
      <Form.Item
        label="E-mail"
        name="email"
        rules={[
          { required: true, message: 'Enter the e-mail address' },
          { type: 'email', message: 'This is not an e-mail address' },
        ]}
      >
        <Input disabled={!isNew} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label="Name"
        name="displayName"
        rules={[{ required: true, whitespace: true, message: 'Enter the name' }, { max: 200 }]}
      >
        <Input />
      </Form.Item>
      {isNew && (
        <Form.Item
          label="Initial password"
          name="password"
          extra="Share it safely; the user can change it under My account."
          rules={[
            { required: true, message: 'Set an initial password' },
            { min: 10, message: 'Use at least 10 characters' },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      <Form.Item
        label="Person"
        name="personId"
        extra="The person in the organisation this account belongs to (their PMO memberships and projects)."
      >
        <PersonSelect
          allowClear
          placeholder="Not linked to a person"
          onChange={(id) => {
            // A new account for a person usually takes their e-mail and name.
            const person = people.data?.find((p) => p.id === id);
            if (!isNew || !person) return;
            if (!form.getFieldValue('email')) form.setFieldValue('email', person.email);
            if (!form.getFieldValue('displayName')) form.setFieldValue('displayName', person.name);
            void form.validateFields(['email', 'displayName']).catch(() => undefined);
          }}
        />
      </Form.Item>
      <Form.Item label="Roles" name="roles">
        <Checkbox.Group options={ALL_ROLES.map((r) => ({ label: roleLabel(r), value: r }))} style={{ display: 'grid', gap: 6 }} />
      </Form.Item>
      {!isNew && (
        <Form.Item
          label="Active"
          name="active"
          valuePropName="checked"
          extra="A deactivated user cannot sign in; their tokens stop working."
        >
          <Switch />
        </Form.Item>
      )}
    </FormDrawer>
  );
}
