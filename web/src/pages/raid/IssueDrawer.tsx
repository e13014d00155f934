import { App, Checkbox, Flex, Form, Input, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client.ts';
import { useWrite } from '../../api/hooks.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { PersonSelect } from '../../components/pickers.tsx';
import {
  type CreateIssueInput,
  ISSUE_SEVERITIES,
  ISSUE_STATUS_LABEL,
  type Issue,
  type IssueSeverity,
  type IssueStatus,
  type UpdateIssueInput,
  raidPaths,
  textOrNull,
} from './raid.ts';

interface IssueValues {
  title: string;
  severity: IssueSeverity;
  ownerPersonId?: string | null;
  dueOn?: string | null;
  description?: string | null;
  status?: IssueStatus;
  resolution?: string | null;
  escalate?: boolean;
}

const STATUS_OPTIONS = (Object.keys(ISSUE_STATUS_LABEL) as IssueStatus[]).map((s) => ({
  value: s,
  label: ISSUE_STATUS_LABEL[s],
}));

/**
 * Raise an issue, or edit one: severity, owner, due day, and (editing) its status with the
 * resolution it needs once it is no longer open. One of the highest severity goes to the PMO, and
 * the project manager escalates any other they need the PMO's help with.
 */
export function IssueDrawer({
  projectId,
  issue,
  onClose,
}: {
  projectId: string;
  /** 'new' to raise one; an issue to edit it; null when closed. */
  issue: Issue | 'new' | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<IssueValues>();
  const { message } = App.useApp();
  const isNew = issue === 'new';
  const status = Form.useWatch('status', form);
  const save = useWrite((v: IssueValues) => {
    const body: CreateIssueInput = {
      title: v.title.trim(),
      severity: v.severity,
      ownerPersonId: v.ownerPersonId ?? null,
      dueOn: v.dueOn ?? null,
      description: textOrNull(v.description),
      escalate: v.escalate === true,
    };
    if (issue === 'new' || issue === null) return api.post<Issue>(`/projects/${projectId}/issues`, body);
    const update: UpdateIssueInput = {
      ...body,
      version: issue.version,
      status: v.status ?? issue.status,
      resolution: textOrNull(v.resolution),
    };
    return api.patch<Issue>(`/projects/${projectId}/issues/${issue.id}`, update);
  }, raidPaths(projectId));

  useEffect(() => {
    if (!issue) return;
    form.resetFields();
    if (issue !== 'new') {
      form.setFieldsValue({
        title: issue.title,
        severity: issue.severity,
        ownerPersonId: issue.owner?.id ?? null,
        dueOn: issue.dueOn,
        description: issue.description,
        status: issue.status,
        resolution: issue.resolution,
        escalate: issue.escalated,
      });
    }
  }, [issue, form]);

  return (
    <FormDrawer<IssueValues>
      title={isNew ? 'New issue' : issue ? `Edit ${issue.key}` : ''}
      open={issue !== null}
      onClose={onClose}
      submitLabel={isNew ? 'Raise issue' : 'Save changes'}
      pending={save.isPending}
      form={form}
      width={560}
      onFinish={async (v) => {
        const saved = await save.mutateAsync(v);
        message.success(`${saved.key} ${saved.title} saved.`);
        onClose();
      }}
    >
      {issue && issue !== 'new' && issue.risk && (
        <Typography.Paragraph type="secondary">It came from the risk {issue.risk.name}.</Typography.Paragraph>
      )}
      <Form.Item
        label="Title"
        name="title"
        rules={[{ required: true, whitespace: true, message: 'Enter a title' }, { max: 200 }]}
      >
        <Input autoFocus />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item
          label="Severity"
          name="severity"
          rules={[{ required: true, message: 'Choose the severity' }]}
          style={{ flex: 1 }}
          extra="A critical issue goes to the PMO."
        >
          <Select options={[...ISSUE_SEVERITIES]} placeholder="How severe it is" />
        </Form.Item>
        <Form.Item label="Due" name="dueOn" style={{ flex: 1 }}>
          <DateInput />
        </Form.Item>
      </Flex>
      <Form.Item label="Owner" name="ownerPersonId">
        <PersonSelect allowClear />
      </Form.Item>
      <Form.Item label="Description" name="description" rules={[{ max: 4000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item
        name="escalate"
        valuePropName="checked"
        extra="The PMO sees it in its escalation queue and records its guidance; a critical issue always goes there."
      >
        <Checkbox>Escalate to the PMO</Checkbox>
      </Form.Item>
      {!isNew && (
        <>
          <Form.Item label="Status" name="status" rules={[{ required: true }]}>
            <Select options={STATUS_OPTIONS} />
          </Form.Item>
          <Form.Item
            label="Resolution"
            name="resolution"
            dependencies={['status']}
            rules={[
              { max: 4000 },
              ({ getFieldValue }) => ({
                validator: async (_, value: string | null | undefined) => {
                  const next = getFieldValue('status') as IssueStatus | undefined;
                  if (next && next !== 'open' && !value?.trim()) {
                    throw new Error(`Say how it was dealt with to mark it ${ISSUE_STATUS_LABEL[next].toLowerCase()}`);
                  }
                },
              }),
            ]}
            extra={status && status !== 'open' ? 'Required once the issue is resolved or closed.' : undefined}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      )}
    </FormDrawer>
  );
}
