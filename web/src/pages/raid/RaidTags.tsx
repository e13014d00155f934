import { Tag } from 'antd';
import { readableBackground, textOn } from '../../lib/riskGrid.ts';
import {
  ISSUE_STATUS_LABEL,
  type IssueSeverity,
  type IssueStatus,
  RISK_STATUS_LABEL,
  type RiskStatus,
  severityLabel,
} from './raid.ts';

/**
 * A score in its band's colour with the band's name, so the colour is never the only signal:
 * "16 · critical". The colour is darkened where text would not read on it.
 */
export function ScoreTag({ score, band }: { score: number; band: { name: string; color: string } | null }) {
  const background = readableBackground(band?.color);
  return (
    <Tag
      style={{ background, color: textOn(background), borderColor: background, marginInlineEnd: 0, fontWeight: 600 }}
      title={`Score ${score}${band ? `, band ${band.name}` : ''}`}
    >
      {score} · {band?.name ?? 'no band'}
    </Tag>
  );
}

/** Marks a risk or an issue in the PMO's escalation queue. */
export function EscalatedTag() {
  return (
    <Tag color="red" style={{ marginInlineEnd: 0 }}>
      Escalated
    </Tag>
  );
}

const RISK_STATUS_COLOR: Record<RiskStatus, string> = { open: 'blue', closed: 'default', occurred: 'purple' };
export function RiskStatusTag({ status }: { status: RiskStatus }) {
  return (
    <Tag color={RISK_STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {RISK_STATUS_LABEL[status]}
    </Tag>
  );
}

const SEVERITY_COLOR: Record<IssueSeverity, string> = { low: 'default', medium: 'gold', high: 'orange', critical: 'red' };
export function SeverityTag({ severity }: { severity: IssueSeverity }) {
  return (
    <Tag color={SEVERITY_COLOR[severity]} style={{ marginInlineEnd: 0 }}>
      {severityLabel(severity)}
    </Tag>
  );
}

const ISSUE_STATUS_COLOR: Record<IssueStatus, string> = { open: 'blue', resolved: 'green', closed: 'default' };
export function IssueStatusTag({ status }: { status: IssueStatus }) {
  return (
    <Tag color={ISSUE_STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {ISSUE_STATUS_LABEL[status]}
    </Tag>
  );
}
