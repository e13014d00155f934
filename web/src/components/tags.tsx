import { Tag } from 'antd';
import { formatDate, humanize } from '../lib/format.ts';

const STATE_COLORS: Record<string, string> = { active: 'green', on_hold: 'orange', closed: 'default', terminated: 'red' };
const LEVEL_COLORS: Record<string, string> = { enterprise: 'purple', portfolio: 'blue', program: 'cyan' };

export function ProjectStateTag({ state }: { state: string }) {
  return <Tag color={STATE_COLORS[state] ?? 'default'}>{humanize(state)}</Tag>;
}

/** Marks a project still open after its planned finish date (the API's pastPlannedFinish). */
export function PastFinishTag({ plannedFinishDate }: { plannedFinishDate: string | null }) {
  return (
    <Tag color="red" title={`Planned to finish on ${formatDate(plannedFinishDate)}, and still open`}>
      Past planned finish
    </Tag>
  );
}

export function PmoLevelTag({ level }: { level: string }) {
  return <Tag color={LEVEL_COLORS[level] ?? 'default'}>{humanize(level)}</Tag>;
}

const ORIENTATION_LABELS: Record<string, string> = { it: 'IT' };
export function orientationLabel(o: string): string {
  return ORIENTATION_LABELS[o] ?? humanize(o);
}
