import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Divider, Flex, Form, type FormInstance, Input, Select, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, api } from '../../api/client.ts';
import { useList, useRecord, useWrite } from '../../api/hooks.ts';
import type { Reply, Schemas } from '../../api/openapi.ts';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { errorText } from '../../components/QueryState.tsx';
import { useDebounced } from '../../components/useDebounced.ts';
import { ChangeFields } from './ChangeFields.tsx';
import { ImpactView } from './ImpactView.tsx';
import {
  type Approval,
  type ApprovalKind,
  type ApprovalPreview,
  type AskValues,
  ASKABLE_KINDS,
  type MilestoneRow,
  type RaiseApproval,
  type RouteStep,
  approvalPaths,
  changeBody,
  issueText,
  onFormFields,
  rebaselineDefaults,
} from './approvals.ts';

type Baseline = Schemas['Baseline'];
type Milestone = Schemas['Milestone'];

/** The project the request is raised on: what the form needs of it. */
export interface AskProject {
  id: string;
  code: string;
  plannedFinishDate: string | null;
}

/** The refusals about the project or the asker rather than a field: shown above the form. */
const REFUSALS = new Set(['FORBIDDEN', 'INVALID_STATE']);
const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

/** "Who will approve": the route's steps in order, each with its approvers and why it is on the route. */
export function RouteList({ route }: { route: RouteStep[] }) {
  return (
    <ol aria-label="Who will approve" style={{ paddingInlineStart: 20, margin: 0 }}>
      {route.map((step) => (
        <li key={step.level} style={{ marginBottom: 6 }}>
          <Typography.Text strong>{step.levelName}</Typography.Text>: {step.approvers.map((a) => a.name).join(', ') || 'nobody'}
          {step.quorum > 1 ? ` (quorum ${step.quorum})` : ''}
          <br />
          <Typography.Text type="secondary">{step.because}</Typography.Text>
        </li>
      ))}
    </ol>
  );
}

/**
 * The change's impact and route, as the server works them out from the project as it is, while
 * the form is filled in: asked a short pause after the last change, once the kind's fields are
 * given. Nothing is written.
 */
function PreviewSection({
  projectId,
  form,
  milestones,
}: {
  projectId: string;
  form: FormInstance<AskValues>;
  milestones: readonly MilestoneRow[];
}) {
  const values = Form.useWatch((v: AskValues) => v, { form, preserve: true });
  const body = useMemo(() => changeBody(values?.change, milestones), [values, milestones]);
  // The preview reads only the change, but the API checks the whole body: the title and reason stand in until typed.
  const key = body ? JSON.stringify(body.change) : null;
  const asked = useDebounced(key, 400);
  const preview = useQuery({
    queryKey: ['/approvals/preview', projectId, asked],
    queryFn: ({ signal }) =>
      api.post<ApprovalPreview>(
        '/approvals/preview',
        { projectId, title: 'Preview', reason: 'Preview', change: JSON.parse(asked as string) },
        { signal },
      ),
    enabled: asked !== null,
    placeholderData: keepPreviousData,
    staleTime: 0,
    retry: false,
  });
  if (!key) {
    return <Typography.Text type="secondary">Fill in the change to see its impact and who will approve it.</Typography.Text>;
  }
  const error = preview.error;
  return (
    <div role="status" aria-live="polite" aria-busy={preview.isFetching || asked !== key}>
      {error instanceof ApiError && error.issues.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title="The change cannot be assessed yet"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {error.issues.map((i) => (
                <li key={`${i.field}-${i.message}`}>{issueText(i, milestones, body?.milestoneRows)}</li>
              ))}
            </ul>
          }
        />
      ) : error instanceof ApiError && REFUSALS.has(error.code) ? (
        <Alert type="error" showIcon title="This cannot be asked for" description={sentence(error.message)} />
      ) : error ? (
        <Alert type="error" showIcon title="No preview" description={errorText(error)} />
      ) : preview.data ? (
        <Flex vertical gap={12} style={{ opacity: preview.isFetching ? 0.6 : 1 }}>
          <ImpactView impact={preview.data.impact} />
          <Typography.Title level={5} style={{ margin: 0 }}>
            Who will approve
          </Typography.Title>
          {preview.data.refusal ? (
            <Alert type="warning" showIcon title="Nobody may approve this change" description={sentence(preview.data.refusal)} />
          ) : (
            <RouteList route={preview.data.route} />
          )}
        </Flex>
      ) : (
        <Spin description="Working out the impact…">
          <div style={{ minHeight: 60 }} />
        </Spin>
      )}
    </div>
  );
}

/**
 * "Ask for approval" on a project: a title, the reason, the kind of change and its fields, with
 * the impact and the route previewed as they are filled in. Sending raises the request and opens it.
 */
export function AskApprovalDrawer({ project, open, onClose }: { project: AskProject; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<AskValues>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [refusal, setRefusal] = useState<string | null>(null);
  const kind = Form.useWatch(['change', 'kind'], form) as ApprovalKind | undefined;
  const baseline = useRecord<Reply<'/api/v1/projects/{id}/baseline'>>(open ? `/projects/${project.id}/baseline` : null);
  const milestoneList = useList<Milestone>(`/projects/${project.id}/milestones`, undefined, open);
  const milestones = useMemo<MilestoneRow[]>(
    () => (milestoneList.data ?? []).map((m) => ({ id: m.id, name: m.name, baselineDate: m.baselineDate })),
    [milestoneList.data],
  );
  const raise = useWrite((body: RaiseApproval) => api.post<Approval>('/approvals', body), approvalPaths(project.id));

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setRefusal(null);
  }, [open, form]);

  // A re-baseline starts from the plan in force: the current curve, BAC, finish and milestone dates.
  const loaded = baseline.data !== undefined && milestoneList.data !== undefined;
  useEffect(() => {
    if (kind !== 'rebaseline' || !loaded || form.getFieldValue(['change', 'curve']) !== undefined) return;
    const current = (baseline.data?.current ?? null) as Baseline | null;
    form.setFieldsValue({ change: rebaselineDefaults(current, project.plannedFinishDate, milestones) });
  }, [kind, loaded, baseline.data, milestones, project.plannedFinishDate, form]);

  return (
    <FormDrawer<AskValues>
      title={`Ask for approval on ${project.code}`}
      open={open}
      onClose={onClose}
      submitLabel="Send for approval"
      pending={raise.isPending}
      form={form}
      width={720}
      onFinish={async (v) => {
        setRefusal(null);
        const built = changeBody(v.change, milestones);
        if (!built) {
          message.error('Fill in the fields of the change.');
          return;
        }
        try {
          const raised = await raise.mutateAsync({
            projectId: project.id,
            title: (v.title ?? '').trim(),
            reason: (v.reason ?? '').trim(),
            change: built.change,
          });
          message.success(`${raised.key} is sent to ${raised.waitingOn?.levelName ?? 'its approvers'}.`);
          onClose();
          navigate(`/approvals/${raised.id}`);
        } catch (err) {
          if (err instanceof ApiError && REFUSALS.has(err.code)) {
            setRefusal(sentence(err.message));
            return;
          }
          throw onFormFields(err, built.milestoneRows);
        }
      }}
    >
      {refusal && (
        <Alert type="error" showIcon role="alert" title="Not sent" description={refusal} style={{ marginBottom: 16 }} />
      )}
      <Form.Item
        label="Title"
        name="title"
        rules={[{ required: true, whitespace: true, message: 'Enter a title' }, { max: 200 }]}
      >
        <Input autoFocus />
      </Form.Item>
      <Form.Item
        label="Reason"
        name="reason"
        rules={[{ required: true, whitespace: true, message: 'Say why the project needs it' }, { max: 4000 }]}
      >
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item label="Kind of change" name={['change', 'kind']} rules={[{ required: true, message: 'Choose the kind' }]}>
        <Select options={ASKABLE_KINDS} placeholder="What the project asks for" />
      </Form.Item>
      <ChangeFields kind={kind} milestones={milestones} />
      <Divider />
      <section aria-label="Impact and route">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          Impact and route
        </Typography.Title>
        <PreviewSection projectId={project.id} form={form} milestones={milestones} />
      </section>
    </FormDrawer>
  );
}
