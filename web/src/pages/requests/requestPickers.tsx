import { Select, Typography } from 'antd';
import type { ProjectSummary, ProjectTypeSummary, Skill } from '../../api/domain.ts';
import { useList } from '../../api/hooks.ts';
import { SearchPicker } from '../../components/pickers.tsx';

interface PickerProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  'aria-label'?: string;
  placeholder?: string;
  exclude?: string[];
}

/** Project types to choose from, with their PMO. */
export function ProjectTypeSelect(props: PickerProps) {
  const types = useList<ProjectTypeSummary>('/project-types');
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      style={{ width: '100%' }}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      allowClear
      loading={types.isLoading}
      placeholder={props.placeholder ?? 'Choose a project type'}
      showSearch={{ optionFilterProp: 'label' }}
      options={(types.data ?? []).map((t) => ({ value: t.id, label: t.name, title: t.name }))}
      optionRender={(o) => {
        const type = types.data?.find((t) => t.id === o.value);
        return (
          <span>
            {o.label}
            {type && <Typography.Text type="secondary"> · {type.pmo.name}</Typography.Text>}
          </span>
        );
      }}
    />
  );
}

/** Projects one may see, searched by code or name on the server. */
export function ProjectSelect({ exclude, ...props }: PickerProps) {
  return (
    <SearchPicker<ProjectSummary>
      {...props}
      allowClear
      path="/projects"
      defaultPlaceholder="Choose a project"
      filter={(p) => !exclude?.includes(p.id)}
      label={(p) => `${p.code} · ${p.name}`}
    />
  );
}

/** Skills of the catalogue, grouped by category. */
export function SkillSelect(props: PickerProps) {
  const skills = useList<Skill>('/skills');
  const categories = [...new Set((skills.data ?? []).map((s) => s.category))].sort();
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      style={{ width: '100%' }}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      loading={skills.isLoading}
      placeholder={props.placeholder ?? 'Choose a skill'}
      showSearch={{ optionFilterProp: 'label' }}
      options={categories.map((c) => ({
        label: c.charAt(0).toUpperCase() + c.slice(1),
        title: c,
        options: (skills.data ?? [])
          .filter((s) => s.category === c && (!props.exclude?.includes(s.id) || s.id === props.value))
          .map((s) => ({ value: s.id, label: s.name, title: s.name })),
      }))}
    />
  );
}

/** Names of skills and projects by id, for summaries. */
export function useNames() {
  const skills = useList<Skill>('/skills');
  const projects = useList<ProjectSummary>('/projects');
  return {
    skill: (id: string) => skills.data?.find((s) => s.id === id)?.name ?? 'Unknown skill',
    project: (id: string) => {
      const p = projects.data?.find((x) => x.id === id);
      return p ? `${p.code} · ${p.name}` : 'A project you cannot see';
    },
  };
}
