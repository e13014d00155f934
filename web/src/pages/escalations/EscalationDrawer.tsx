import { Alert, Button, Descriptions, Drawer, Flex, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useRecord } from '../../api/hooks.ts';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { AcknowledgeDrawer, CloseModal, GuidanceDrawer } from './EscalationForms.tsx';
import { AgeText, EscalationReasonTag, EscalationStateTag, OverdueTag, RequiredByText } from './EscalationTags.tsx';
import { ESCALATION_REASON_TEXT, type Escalation, registerLink, subjectText } from './escalations.ts';

type Action = Escalation['allowedActions'][number];

const none = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;
const prose = (text: string | null, empty: string) =>
  text ? <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span> : none(empty);
const byWhom = (who: { name: string } | null, when: string | null) =>
  who || when ? `${who?.name ?? '—'}, ${formatDateTime(when)}` : none('—');

/** Whose move it is, when the caller has none to make. */
const WAITING: Record<Escalation['state'], string> = {
  open: "Waiting for the PMO's guidance.",
  guided: 'Waiting for the project manager to acknowledge the guidance and report back.',
  acknowledged: 'The project reported back: waiting for the PMO to close it, or to guide it further.',
  closed: 'Closed.',
};

function Section({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section aria-label={label} style={{ marginBottom: 16 }}>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {label}
      </Typography.Title>
      {children}
    </section>
  );
}

/**
 * One escalation: what was raised and why, the PMO's guidance with what it requires and by when,
 * the project's report back and the closing, each with who and when; and the moves the caller may
 * make (the API's allowedActions).
 */
export function EscalationDrawer({ escalationId, onClose }: { escalationId: string | null; onClose: () => void }) {
  const record = useRecord<Escalation>(escalationId ? `/escalations/${escalationId}` : null);
  const e = record.data && record.data.id === escalationId ? record.data : undefined;
  // The form acts on the escalation as it was when it opened: its version goes with the write.
  const [acting, setActing] = useState<{ action: Action; escalation: Escalation } | null>(null);
  const act = (action: Action) => e && setActing({ action, escalation: e });
  const actingOn = (action: Action) => (acting?.action === action ? acting.escalation : null);
  const stopActing = () => setActing(null);
  const allowed = e?.allowedActions ?? [];

  return (
    <Drawer
      title={e ? subjectText(e) : 'Escalation'}
      open={escalationId !== null}
      onClose={onClose}
      size={720}
      destroyOnHidden
      extra={
        e &&
        allowed.length > 0 && (
          <Flex gap={8} wrap>
            {allowed.includes('guide') && (
              <Button type={e.state === 'open' ? 'primary' : 'default'} onClick={() => act('guide')}>
                {e.guidance ? 'Revise guidance' : 'Give guidance'}
              </Button>
            )}
            {allowed.includes('acknowledge') && (
              <Button type="primary" onClick={() => act('acknowledge')}>
                Acknowledge and report back
              </Button>
            )}
            {allowed.includes('close') && (
              <Button type={e.state === 'acknowledged' ? 'primary' : 'default'} onClick={() => act('close')}>
                Close escalation
              </Button>
            )}
          </Flex>
        )
      }
    >
      {record.error && <ErrorAlert error={record.error} onRetry={() => record.refetch()} />}
      {!e && !record.error && <Skeleton active />}
      {e && (
        <>
          <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
            <EscalationStateTag state={e.state} />
            <EscalationReasonTag reason={e.reason} />
            {e.overdue && <OverdueTag requiredBy={e.requiredBy} />}
          </Flex>
          {allowed.length === 0 && e.state !== 'closed' && (
            <Alert type="info" showIcon title={WAITING[e.state]} style={{ marginBottom: 16 }} />
          )}
          <Descriptions
            column={{ xs: 1, md: 2 }}
            size="small"
            style={{ marginBottom: 16 }}
            items={[
              {
                key: 'project',
                label: 'Project',
                children: <Link to={registerLink(e)}>{`${e.project.code} · ${e.project.name}`}</Link>,
              },
              { key: 'pmo', label: 'PMO', children: e.pmo.name },
              {
                key: 'subject',
                label: e.subject.kind === 'risk' ? 'Risk' : 'Issue',
                children: subjectText(e),
              },
              { key: 'reason', label: 'Why', children: ESCALATION_REASON_TEXT[e.reason] },
              { key: 'raised', label: 'Raised', children: formatDateTime(e.raisedAt) },
              { key: 'age', label: e.closedAt ? 'Age when closed' : 'Age', children: <AgeText days={e.ageDays} /> },
              { key: 'summary', label: 'Summary', span: 2, children: e.summary },
            ]}
          />
          <Section label="The PMO's guidance">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'guidance', label: 'Guidance', children: prose(e.guidance, 'No guidance yet.') },
                { key: 'requiredAction', label: 'Required action', children: prose(e.requiredAction, 'None stated.') },
                { key: 'requiredBy', label: 'Required by', children: <RequiredByText escalation={e} /> },
                { key: 'guidedBy', label: 'Guided by', children: byWhom(e.guidedBy, e.guidedAt) },
              ]}
            />
          </Section>
          <Section label="The project's report back">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'reportBack', label: 'Report back', children: prose(e.reportBack, 'Not reported back yet.') },
                { key: 'acknowledgedBy', label: 'Acknowledged by', children: byWhom(e.acknowledgedBy, e.acknowledgedAt) },
              ]}
            />
          </Section>
          {e.state === 'closed' && (
            <Section label="Closing">
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'note', label: 'Closing note', children: prose(e.closingNote, 'No note.') },
                  { key: 'closedBy', label: 'Closed by', children: byWhom(e.closedBy, e.closedAt) },
                ]}
              />
            </Section>
          )}
          {/* Nested, so that they open above this drawer. */}
          <GuidanceDrawer escalation={actingOn('guide')} onClose={stopActing} />
          <AcknowledgeDrawer escalation={actingOn('acknowledge')} onClose={stopActing} />
          <CloseModal escalation={actingOn('close')} onClose={stopActing} />
        </>
      )}
    </Drawer>
  );
}
