import { Button, Drawer, Flex, Form, type FormInstance, type FormProps, Modal, type ModalProps } from 'antd';
import type { ReactNode } from 'react';
import { EnterSubmits } from './EnterSubmits.tsx';
import { useServerErrors } from './useServerErrors.ts';

/** What the drawer and the modal form shells have in common. */
interface FormShellProps<V> {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  /** The label of the primary (submit) button. */
  submitLabel: ReactNode;
  /** The write is in flight: the primary button spins. */
  pending: boolean;
  form: FormInstance<V>;
  /** Saves the values. A rejection is shown through useServerErrors: field issues land on their fields. */
  onFinish: (values: V) => Promise<unknown>;
  width?: number;
  /** Further props of the antd Form (initial values, onValuesChange, …). */
  formProps?: Pick<FormProps<V>, 'initialValues' | 'onValuesChange'>;
  children: ReactNode;
}

/** The vertical form, validating as you type, that submits on Enter and shows a failed save where it belongs. */
function ShellForm<V>({
  form,
  onFinish,
  formProps,
  children,
}: Pick<FormShellProps<V>, 'form' | 'onFinish' | 'formProps' | 'children'>) {
  const showError = useServerErrors(form);
  return (
    <Form<V>
      form={form}
      layout="vertical"
      validateTrigger={['onChange', 'onBlur']}
      {...formProps}
      onFinish={async (values) => {
        try {
          await onFinish(values);
        } catch (err) {
          showError(err);
        }
      }}
    >
      <EnterSubmits />
      {children}
    </Form>
  );
}

/** A side drawer holding one form, with Cancel and a primary submit button in its footer. */
export function FormDrawer<V>({ title, open, onClose, submitLabel, pending, form, width, ...rest }: FormShellProps<V>) {
  return (
    <Drawer
      title={title}
      open={open}
      onClose={onClose}
      size={width}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="primary" loading={pending} onClick={() => form.submit()}>
            {submitLabel}
          </Button>
        </Flex>
      }
    >
      <ShellForm form={form} {...rest} />
    </Drawer>
  );
}

/** A modal dialog holding one form; its OK button submits it. */
export function FormModal<V>({
  title,
  open,
  onClose,
  submitLabel,
  pending,
  form,
  width,
  okButtonProps,
  ...rest
}: FormShellProps<V> & { okButtonProps?: ModalProps['okButtonProps'] }) {
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={submitLabel}
      okButtonProps={okButtonProps}
      confirmLoading={pending}
      width={width}
      destroyOnHidden
    >
      <ShellForm form={form} {...rest} />
    </Modal>
  );
}
