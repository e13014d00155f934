import { Tag } from 'antd';
import type { CourseRequirement } from '../../api/training.ts';
import { expiryState, todayIso } from '../../lib/capacity.ts';
import { formatDate, plural, roleLabel } from '../../lib/format.ts';

/** Expired, expiring within 90 days, valid until, or never expiring. */
export function ExpiryTag({ expiresOn }: { expiresOn: string | null }) {
  const { state, daysLeft } = expiryState(expiresOn, todayIso());
  if (state === 'permanent') return <Tag>No expiry</Tag>;
  if (state === 'expired') return <Tag color="red">Expired</Tag>;
  if (state === 'expiring') return <Tag color="orange">Expires in {plural(daysLeft ?? 0, 'day')}</Tag>;
  return <Tag color="green">Valid to {formatDate(expiresOn)}</Tag>;
}

export function requirementLabel(r: CourseRequirement): string {
  return `${roleLabel(r.role)} · ${r.projectType ? r.projectType.name : 'every project type'}`;
}

export function validityLabel(months: number | null): string {
  if (months === null) return 'Never expires';
  if (months % 12 === 0) return `${months / 12} year${months === 12 ? '' : 's'}`;
  return plural(months, 'month');
}

/** Evidence is often a link; show it as one when it is. */
export function Evidence({ text }: { text: string | null }) {
  if (!text) return <>—</>;
  if (/^https?:\/\//i.test(text)) {
    return (
      <a href={text} target="_blank" rel="noreferrer noopener">
        {text.length > 40 ? `${text.slice(0, 40)}…` : text}
      </a>
    );
  }
  return <>{text}</>;
}
