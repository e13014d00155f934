import { App, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client.ts';
import { useWrite } from '../../api/hooks.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { FormDrawer, FormModal } from '../../components/FormDrawer.tsx';
import {
  type AcknowledgeEscalationInput,
  type CloseEscalationInput,
  type Escalation,
  type GuideEscalationInput,
  escalationPaths,
  subjectText,
  textOrNull,
} from './escalations.ts';

/**
 * The three moves of an escalation, each a form over the escalation as it was when the form
 * opened (its version goes with the write; a change made meanwhile answers 409, shown as "reload").
 */
interface FormProps {
  /** The escalation to act on; null while the form is closed. */
  escalation: Escalation | null;
  onClose: () => void;
}

/** The paths refreshed by a write on the escalation (none while no form is open). */
const pathsOf = (e: Escalation | null) => (e ? escalationPaths(e) : []);

interface GuideValues {
  guidance: string;
  requiredAction?: string | null;
  requiredBy?: string | null;
}

/** "Give guidance": what the PMO advises, what it requires of the project and by when. Revising starts from the last. */
export function GuidanceDrawer({ escalation, onClose }: FormProps) {
  const [form] = Form.useForm<GuideValues>();
  const { message } = App.useApp();
  const guide = useWrite((v: GuideValues) => {
    const e = escalation as Escalation;
    const body: GuideEscalationInput = {
      version: e.version,
      guidance: (v.guidance ?? '').trim(),
      requiredAction: textOrNull(v.requiredAction),
      requiredBy: v.requiredBy ?? null,
    };
    return api.post<Escalation>(`/escalations/${e.id}/guidance`, body);
  }, pathsOf(escalation));

  useEffect(() => {
    if (!escalation) return;
    form.resetFields();
    form.setFieldsValue({
      guidance: escalation.guidance ?? '',
      requiredAction: escalation.requiredAction,
      requiredBy: escalation.requiredBy,
    });
  }, [escalation, form]);

  const revising = Boolean(escalation?.guidance);
  return (
    <FormDrawer<GuideValues>
      title={escalation ? `${revising ? 'Revise the guidance' : 'Give guidance'} on ${escalation.subject.key}` : ''}
      open={escalation !== null}
      onClose={onClose}
      submitLabel="Save guidance"
      pending={guide.isPending}
      form={form}
      width={560}
      onFinish={async (v) => {
        const saved = await guide.mutateAsync(v);
        message.success(`Guidance on ${saved.subject.key} saved: ${saved.project.code}'s manager is told.`);
        onClose();
      }}
    >
      {escalation && (
        <Typography.Paragraph type="secondary">
          {escalation.project.code} · {subjectText(escalation)}. The project manager is told, and acknowledges it with a report
          back.
        </Typography.Paragraph>
      )}
      <Form.Item
        label="Guidance"
        name="guidance"
        rules={[{ required: true, whitespace: true, message: 'Say what the PMO advises' }, { max: 4000 }]}
      >
        <Input.TextArea rows={4} autoFocus />
      </Form.Item>
      <Form.Item
        label="Required action"
        name="requiredAction"
        rules={[{ max: 2000 }]}
        extra="What the PMO requires of the project, if anything."
      >
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item label="Required by" name="requiredBy" extra="Past this day, without a report back, the guidance is overdue.">
        <DateInput />
      </Form.Item>
    </FormDrawer>
  );
}

interface AcknowledgeValues {
  reportBack: string;
}

/** "Acknowledge and report back": the project manager says what the project did about the guidance. */
export function AcknowledgeDrawer({ escalation, onClose }: FormProps) {
  const [form] = Form.useForm<AcknowledgeValues>();
  const { message } = App.useApp();
  const acknowledge = useWrite((v: AcknowledgeValues) => {
    const e = escalation as Escalation;
    const body: AcknowledgeEscalationInput = { version: e.version, reportBack: (v.reportBack ?? '').trim() };
    return api.post<Escalation>(`/escalations/${e.id}/acknowledge`, body);
  }, pathsOf(escalation));

  useEffect(() => {
    if (escalation) form.resetFields();
  }, [escalation, form]);

  return (
    <FormDrawer<AcknowledgeValues>
      title={escalation ? `Report back on ${escalation.subject.key}` : ''}
      open={escalation !== null}
      onClose={onClose}
      submitLabel="Acknowledge and report back"
      pending={acknowledge.isPending}
      form={form}
      width={560}
      onFinish={async (v) => {
        const saved = await acknowledge.mutateAsync(v);
        message.success(`${saved.subject.key}: the PMO's guidance is acknowledged and the PMO is told.`);
        onClose();
      }}
    >
      {escalation && (
        <>
          <Typography.Paragraph type="secondary">The PMO's guidance on {subjectText(escalation)}:</Typography.Paragraph>
          <Typography.Paragraph>
            <blockquote style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{escalation.guidance}</blockquote>
          </Typography.Paragraph>
        </>
      )}
      <Form.Item
        label="Report back"
        name="reportBack"
        rules={[{ required: true, whitespace: true, message: 'Say what the project did about the guidance' }, { max: 4000 }]}
        extra="What the project did, or will do, about the PMO's guidance."
      >
        <Input.TextArea rows={4} autoFocus />
      </Form.Item>
    </FormDrawer>
  );
}

interface CloseValues {
  note?: string | null;
}

/** "Close": the PMO ends the escalation, with a note if it wants one. */
export function CloseModal({ escalation, onClose }: FormProps) {
  const [form] = Form.useForm<CloseValues>();
  const { message } = App.useApp();
  const close = useWrite((v: CloseValues) => {
    const e = escalation as Escalation;
    const body: CloseEscalationInput = { version: e.version, note: textOrNull(v.note) };
    return api.post<Escalation>(`/escalations/${e.id}/close`, body);
  }, pathsOf(escalation));

  useEffect(() => {
    if (escalation) form.resetFields();
  }, [escalation, form]);

  return (
    <FormModal<CloseValues>
      title={escalation ? `Close the escalation of ${escalation.subject.key}` : ''}
      open={escalation !== null}
      onClose={onClose}
      submitLabel="Close escalation"
      pending={close.isPending}
      form={form}
      onFinish={async (v) => {
        const saved = await close.mutateAsync(v);
        message.success(`The escalation of ${saved.subject.key} is closed.`);
        onClose();
      }}
    >
      <Typography.Paragraph type="secondary">
        It leaves the active queue and is kept, with its guidance and report back, under Closed.
      </Typography.Paragraph>
      <Form.Item label="Closing note" name="note" rules={[{ max: 2000 }]} extra="Optional: why it is closed.">
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModal>
  );
}
