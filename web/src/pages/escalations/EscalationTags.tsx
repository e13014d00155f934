import { Flex, Tag, Typography } from 'antd';
import { formatDate, plural } from '../../lib/format.ts';
import {
  AGEING_DAYS,
  ESCALATION_REASON_LABEL,
  ESCALATION_REASON_TEXT,
  ESCALATION_STATE_LABEL,
  type Escalation,
  type EscalationReason,
  type EscalationState,
} from './escalations.ts';

const STATE_COLOR: Record<EscalationState, string> = { open: 'red', guided: 'blue', acknowledged: 'green', closed: 'default' };

/** Its state in words, in a colour that only repeats them. */
export function EscalationStateTag({ state }: { state: EscalationState }) {
  return (
    <Tag color={STATE_COLOR[state]} style={{ marginInlineEnd: 0 }}>
      {ESCALATION_STATE_LABEL[state]}
    </Tag>
  );
}

export function EscalationReasonTag({ reason }: { reason: EscalationReason }) {
  return (
    <Tag style={{ marginInlineEnd: 0 }} title={ESCALATION_REASON_TEXT[reason]}>
      {ESCALATION_REASON_LABEL[reason]}
    </Tag>
  );
}

/** Past the day the PMO required, and not reported back on. */
export function OverdueTag({ requiredBy }: { requiredBy: string | null }) {
  return (
    <Tag color="red" style={{ marginInlineEnd: 0 }} title={`Required by ${formatDate(requiredBy)}, not reported back on`}>
      Overdue
    </Tag>
  );
}

/** Its age in days; from AGEING_DAYS on in bold with the word "ageing", so colour is not the only sign. */
export function AgeText({ days }: { days: number }) {
  const text = plural(days, 'day');
  if (days < AGEING_DAYS) return <span>{text}</span>;
  return (
    <Flex gap={6} align="center" wrap>
      <Typography.Text strong>{text}</Typography.Text>
      <Tag color="orange" style={{ marginInlineEnd: 0 }} title={`Raised ${AGEING_DAYS} days ago or more`}>
        Ageing
      </Tag>
    </Flex>
  );
}

/** The day the PMO required, with the overdue tag when it has passed. */
export function RequiredByText({ escalation: e }: { escalation: Pick<Escalation, 'requiredBy' | 'overdue'> }) {
  if (!e.requiredBy) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex gap={6} align="center" wrap>
      <span>{formatDate(e.requiredBy)}</span>
      {e.overdue && <OverdueTag requiredBy={e.requiredBy} />}
    </Flex>
  );
}
