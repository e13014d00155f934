import { SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, type FormInstance, Typography } from 'antd';
import type { FieldIssue } from '../../api/client.ts';
import type { Person, Pmo, ProjectTypeSummary } from '../../api/domain.ts';
import { useList } from '../../api/hooks.ts';
import type { InitiationRequest } from '../../api/requests.ts';
import type { AuditEvent } from '../../api/types.ts';
import { readableIssue } from '../../lib/formErrors.ts';
import { RequestComments } from './RequestComments.tsx';
import { RequestSummaryView } from './RequestSummaryView.tsx';
import { FIELD_LABELS, type RequestFormValues, STEPS, stepOfField, toContent } from './requestForm.ts';

/** The PMO's latest question, from the request's audit trail. */
function PmoQuestion({ requestId }: { requestId: string }) {
  const history = useList<AuditEvent>(`/audit/records/request/${requestId}`);
  const question = [...(history.data ?? [])]
    .filter((e) => e.action === 'request.request_info')
    .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt))[0];
  if (!question?.reason) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={`${question.actorName} asked for information`}
      description={<span style={{ whiteSpace: 'pre-wrap' }}>{question.reason}</span>}
      style={{ marginBottom: 16 }}
    />
  );
}

/** Step 7: everything at a glance, the missing fields (each a link to its step), and submit. */
export function ReviewStep({
  form,
  request,
  missing,
  onJump,
  onSubmit,
  submitting,
}: {
  form: FormInstance<RequestFormValues>;
  request: InitiationRequest | null;
  missing: FieldIssue[];
  onJump: (step: number) => void;
  onSubmit: () => void;
  submitting: boolean;
}) {
  const types = useList<ProjectTypeSummary>('/project-types');
  const pmos = useList<Pmo>('/pmos');
  const people = useList<Person>('/people');
  const content = toContent(form.getFieldsValue(true) as RequestFormValues);
  const answering = request?.state === 'info_requested';
  const canSubmit = Boolean(request?.allowedActions.includes('submit'));

  return (
    <Flex vertical gap={16}>
      {answering && request && (
        <Card title="The PMO's question" size="small">
          <PmoQuestion requestId={request.id} />
          <RequestComments requestId={request.id} canComment />
        </Card>
      )}
      {missing.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title="Complete these before submitting"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }} aria-label="Missing fields">
              {missing.map((issue) => {
                const step = stepOfField(issue.field);
                const label = FIELD_LABELS[issue.field.split('.')[0] ?? ''] ?? issue.field;
                return (
                  <li key={issue.field}>
                    <Button type="link" style={{ padding: 0, height: 'auto' }} onClick={() => onJump(step)}>
                      {label}: {readableIssue(issue.message).toLowerCase()} — go to {STEPS[step]?.title}
                    </Button>
                  </li>
                );
              })}
            </ul>
          }
        />
      )}
      <RequestSummaryView
        content={content}
        chart={false}
        names={{
          projectType: types.data?.find((t) => t.id === content.projectTypeId)?.name ?? null,
          pmo: pmos.data?.find((p) => p.id === content.pmoId)?.name ?? null,
          sponsor: people.data?.find((p) => p.id === content.sponsorId)?.name ?? null,
        }}
      />
      <Flex gap={12} align="center" wrap>
        <Button type="primary" size="large" icon={<SendOutlined />} onClick={onSubmit} loading={submitting} disabled={!canSubmit}>
          {answering ? 'Send the answer to the PMO' : 'Submit to the PMO'}
        </Button>
        <Typography.Text type="secondary">
          {canSubmit
            ? answering
              ? 'The request goes back into review with your changes and comments.'
              : 'The PMO sees the request once it is submitted; you can still withdraw it.'
            : 'Save the draft (give it a title) before submitting.'}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}
