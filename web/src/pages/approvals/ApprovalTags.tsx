import { Flex, Tag, Typography } from 'antd';
import { formatDate } from '../../lib/format.ts';
import { type ApprovalState, type ApprovalSummary, STATE_LABEL, STEP_STATE_LABEL, type StepState } from './approvals.ts';

const STATE_COLOR: Record<ApprovalState, string> = {
  pending: 'blue',
  info_requested: 'orange',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

const STEP_COLOR: Record<StepState, string> = {
  waiting: 'default',
  active: 'blue',
  info_requested: 'orange',
  approved: 'green',
  rejected: 'red',
};

/** The request's state in words, in a colour that only repeats them. */
export function ApprovalStateTag({ state }: { state: ApprovalState }) {
  return (
    <Tag color={STATE_COLOR[state]} style={{ marginInlineEnd: 0 }}>
      {STATE_LABEL[state]}
    </Tag>
  );
}

export function StepStateTag({ state }: { state: StepState }) {
  return (
    <Tag color={STEP_COLOR[state]} style={{ marginInlineEnd: 0 }}>
      {STEP_STATE_LABEL[state]}
    </Tag>
  );
}

/** A step past its due day, undecided. */
export function LateTag({ dueOn }: { dueOn: string | null }) {
  return (
    <Tag color="red" style={{ marginInlineEnd: 0 }} title={`Due ${formatDate(dueOn)}, not decided`}>
      late
    </Tag>
  );
}

/** The due day of a step, with the late tag when it has passed. */
export function DueText({ dueOn, overdue }: { dueOn: string | null; overdue: boolean }) {
  if (!dueOn) return null;
  return (
    <Flex gap={6} align="center" wrap component="span">
      <span>due {formatDate(dueOn)}</span>
      {overdue && <LateTag dueOn={dueOn} />}
    </Flex>
  );
}

/** Whom an open request waits on: the level, its approvers and the due day. */
export function WaitingOnText({ waitingOn }: { waitingOn: ApprovalSummary['waitingOn'] }) {
  if (!waitingOn) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical>
      <Typography.Text strong>{waitingOn.levelName}</Typography.Text>
      <span>{waitingOn.approvers.map((a) => a.name).join(', ')}</span>
      <DueText dueOn={waitingOn.dueOn} overdue={waitingOn.overdue} />
    </Flex>
  );
}
