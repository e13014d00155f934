import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Popconfirm, Table, type TableColumnsType } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import { useWrite } from '../api/hooks.ts';
import { FormModal } from './FormDrawer.tsx';
import { ErrorAlert } from './QueryState.tsx';
import { useServerErrors } from './useServerErrors.ts';

interface VersionedRecord {
  id: string;
  version: number;
}

interface RecordsCardProps<T extends VersionedRecord, V> {
  /** The card title, e.g. "Absences". */
  title: string;
  /** What one record is called, capitalised: "Absence" → "Absence saved.", "Edit absence". */
  noun: string;
  /** The Add button's text, also the title of the dialog that adds one, e.g. "Add absence". */
  addLabel: string;
  /** The list of records, loaded from `listPath`. */
  list: UseQueryResult<T[]>;
  /** The collection: POST adds a record here. */
  listPath: string;
  /** Where one record lives, without its id: PATCH and DELETE go to `${recordPath}/{id}` with the version. */
  recordPath: string;
  /** Shows the Add button and the Edit / Remove column. */
  manage: boolean;
  emptyText: string;
  /** The columns before the Edit / Remove one. */
  columns: TableColumnsType<T>;
  /** The body to send for the form's values (`before` is null when adding); the version is added on edit. */
  toBody: (values: V, before: T | null) => object;
  /** The form's values when the dialog opens; by default empty to add, the record's own fields to edit. */
  formValues?: (editing: T | null) => Partial<V> | undefined;
  /** What a save refreshes (see useWrite). */
  invalidates: string[];
  /** What a removal refreshes; by default the same as a save. */
  removeInvalidates?: string[];
  /** Names a record in the Edit and Remove buttons' labels: "Edit {itemLabel}", "Remove {itemLabel}". */
  itemLabel: (record: T) => string;
  removeTitle: (record: T) => ReactNode;
  removeDescription?: ReactNode;
  /** The form fields of the dialog. */
  children: (isNew: boolean) => ReactNode;
  /** Beside the Add button: the list's export (an ExportButton). */
  exportButton?: ReactNode;
}

/**
 * A card listing a person's records in a table, with an Add button, an edit dialog and a
 * Remove confirmation; edits and removals carry the record's version.
 */
export function RecordsCard<T extends VersionedRecord, V>(props: RecordsCardProps<T, V>) {
  const { list, listPath, recordPath, manage, noun, itemLabel, toBody } = props;
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [form] = Form.useForm<V>();
  const { message } = App.useApp();
  const showError = useServerErrors(form);
  const isNew = editing === 'new';
  const save = useWrite(
    (v: V) =>
      editing === 'new'
        ? api.post<T>(listPath, toBody(v, null))
        : api.patch<T>(`${recordPath}/${(editing as T).id}`, { ...toBody(v, editing as T), version: (editing as T).version }),
    props.invalidates,
  );
  const remove = useWrite(
    (r: T) => api.delete(`${recordPath}/${r.id}`, { query: { version: r.version } }),
    props.removeInvalidates ?? props.invalidates,
  );
  // The latest formValues, read when the dialog opens (a new function each render must not reset the form).
  const formValues = useRef(props.formValues);
  formValues.current = props.formValues;
  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    const record = editing === 'new' ? null : editing;
    const values = formValues.current ? formValues.current(record) : (record as Partial<V> | null);
    if (values) form.setFieldsValue(values as Parameters<typeof form.setFieldsValue>[0]);
  }, [editing, form]);

  const actions: TableColumnsType<T> = [
    {
      title: <span className="tg-visually-hidden">Actions</span>,
      key: 'actions',
      render: (_: unknown, r: T) => (
        <Flex gap={8}>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} aria-label={`Edit ${itemLabel(r)}`} />
          <Popconfirm
            title={props.removeTitle(r)}
            description={props.removeDescription}
            okText="Remove"
            okButtonProps={{ danger: true }}
            onConfirm={async () => {
              try {
                await remove.mutateAsync(r);
                message.success(`${noun} removed.`);
              } catch (err) {
                showError(err);
              }
            }}
          >
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={`Remove ${itemLabel(r)}`} />
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  return (
    <Card
      title={props.title}
      extra={
        <Flex gap={8} wrap>
          {props.exportButton}
          {manage && (
            <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {props.addLabel}
            </Button>
          )}
        </Flex>
      }
    >
      {list.error && <ErrorAlert error={list.error} onRetry={() => list.refetch()} />}
      <Table<T>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: props.emptyText }}
        columns={[...props.columns, ...(manage ? actions : [])]}
      />
      <FormModal<V>
        title={isNew ? props.addLabel : `Edit ${noun.toLowerCase()}`}
        open={editing !== null}
        onClose={() => setEditing(null)}
        submitLabel="Save"
        pending={save.isPending}
        form={form}
        onFinish={async (v) => {
          await save.mutateAsync(v);
          message.success(`${noun} saved.`);
          setEditing(null);
        }}
      >
        {props.children(isNew)}
      </FormModal>
    </Card>
  );
}
