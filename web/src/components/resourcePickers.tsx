import { Select } from 'antd';
import type { CSSProperties } from 'react';
import type { ProjectTypeSummary, Skill } from '../api/domain.ts';
import { useList } from '../api/hooks.ts';
import type { Course } from '../api/training.ts';
import { type Month, addMonths, currentMonth, monthLabel, monthsBetween } from '../lib/capacity.ts';

/** antd form controls pass value/onChange; these pickers load their options from the API. */
interface PickerProps<V> {
  value?: V;
  onChange?: (value: V) => void;
  id?: string;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  'aria-label'?: string;
  style?: CSSProperties;
}

export function SkillSelect(props: PickerProps<string | null>) {
  const skills = useList<Skill>('/skills');
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      style={{ width: '100%', ...props.style }}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      allowClear={props.allowClear}
      disabled={props.disabled}
      loading={skills.isLoading}
      placeholder={props.placeholder ?? 'Choose a skill'}
      showSearch={{ optionFilterProp: 'label' }}
      options={(skills.data ?? []).map((s) => ({ value: s.id, label: s.name })).sort((a, b) => a.label.localeCompare(b.label))}
    />
  );
}

export function ProjectTypeSelect(props: PickerProps<string | null>) {
  const types = useList<ProjectTypeSummary>('/project-types');
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      style={{ width: '100%', ...props.style }}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      allowClear={props.allowClear}
      disabled={props.disabled}
      loading={types.isLoading}
      placeholder={props.placeholder ?? 'Choose a project type'}
      showSearch={{ optionFilterProp: 'label' }}
      options={(types.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
    />
  );
}

export function CourseSelect(props: PickerProps<string | null>) {
  const courses = useList<Course>('/courses', { active: 'true' });
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      style={{ width: '100%', ...props.style }}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      disabled={props.disabled}
      loading={courses.isLoading}
      placeholder={props.placeholder ?? 'Choose a course'}
      showSearch={{ optionFilterProp: 'label' }}
      options={(courses.data ?? []).map((c) => ({ value: c.id, label: `${c.code} · ${c.title}` }))}
    />
  );
}

/**
 * A month (`2027-01`) from a list around today: two years back to three years ahead, plus the
 * value itself when it lies outside.
 */
export function MonthSelect(props: PickerProps<Month | null> & { min?: Month }) {
  const now = currentMonth();
  const months = monthsBetween(props.min ?? addMonths(now, -24), addMonths(now, 36));
  if (props.value && !months.includes(props.value)) months.unshift(props.value);
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      style={{ width: '100%', ...props.style }}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      allowClear={props.allowClear}
      disabled={props.disabled}
      placeholder={props.placeholder ?? 'Month'}
      showSearch={{ optionFilterProp: 'label' }}
      options={months.map((m) => ({ value: m, label: monthLabel(m) }))}
    />
  );
}

export interface MonthRange {
  from: Month;
  to: Month;
}

/** Two labelled month pickers, "from" and "to"; choosing a from after the to moves the to along. */
export function MonthRangePicker({
  value,
  onChange,
  idPrefix,
}: {
  value: MonthRange;
  onChange: (range: MonthRange) => void;
  idPrefix: string;
}) {
  return (
    <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
      <label htmlFor={`${idPrefix}-from`}>From</label>
      <MonthSelect
        id={`${idPrefix}-from`}
        value={value.from}
        style={{ width: 130 }}
        onChange={(from) => from && onChange({ from, to: value.to < from ? addMonths(from, 11) : value.to })}
      />
      <label htmlFor={`${idPrefix}-to`}>to</label>
      <MonthSelect
        id={`${idPrefix}-to`}
        value={value.to}
        min={value.from}
        style={{ width: 130 }}
        onChange={(to) => to && onChange({ from: value.from, to })}
      />
    </span>
  );
}
