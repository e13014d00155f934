import { Flex, Select, Tag, Typography } from 'antd';
import type { Person, Portfolio } from '../../api/domain.ts';
import { useList, useRecord } from '../../api/hooks.ts';
import type { PersonCapacity, TypeQualification } from '../../api/intake.ts';
import type { AllocationCandidate, AllocationCandidates } from '../../api/resources.ts';

interface PickerProps {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  'aria-label'?: string;
  disabled?: boolean;
}

/**
 * The project manager picker: people qualified for the project type first, then those who lack
 * some of its required training, marked "missing training" with the courses.
 */
export function ProjectManagerSelect(props: PickerProps & { projectTypeId: string | null }) {
  const people = useList<Person>('/people', { active: 'true' });
  const qualification = useList<TypeQualification>(
    '/training/qualification',
    { projectTypeId: props.projectTypeId ?? undefined },
    Boolean(props.projectTypeId),
  );
  const type = qualification.data?.[0];
  const qualified = new Set(
    type?.anyoneQualifies ? (people.data ?? []).map((p) => p.id) : type?.qualified.map((q) => q.person.id),
  );
  const gaps = new Map(type?.partiallyQualified.map((q) => [q.person.id, q.gaps.map((g) => g.code)]) ?? []);
  const allCourses = type?.requiredCourses.map((c) => c.code) ?? [];
  const list = (people.data ?? []).filter((p) => p.active);
  const option = (p: Person, missing: string[] | null) => ({
    value: p.id,
    search: `${p.name} ${p.email}`,
    label: (
      <Flex justify="space-between" gap={8}>
        <span>
          {p.name}
          {p.jobTitle && <Typography.Text type="secondary"> · {p.jobTitle}</Typography.Text>}
        </span>
        {missing && (
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>
            missing training{missing.length ? `: ${missing.join(', ')}` : ''}
          </Tag>
        )}
      </Flex>
    ),
  });
  type Option = ReturnType<typeof option>;
  const options: (Option | { label: string; options: Option[] })[] = !type
    ? list.map((p) => option(p, null))
    : [
        {
          label: `Qualified for ${type.projectType.name}`,
          options: list.filter((p) => qualified.has(p.id)).map((p) => option(p, null)),
        },
        {
          label: 'Missing training',
          options: list
            .filter((p) => !qualified.has(p.id))
            .sort((a, b) => Number(gaps.has(b.id)) - Number(gaps.has(a.id)))
            .map((p) => option(p, gaps.get(p.id) ?? allCourses)),
        },
      ];
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      disabled={props.disabled}
      loading={people.isLoading || qualification.isLoading}
      showSearch={{ optionFilterProp: 'search' }}
      placeholder="Choose the project manager"
      options={options}
      style={{ width: '100%' }}
    />
  );
}

/** Portfolios, those of the request's PMO first. */
export function PortfolioSelect(props: PickerProps & { pmoId: string | null }) {
  const portfolios = useList<Portfolio>('/portfolios');
  const sorted = [...(portfolios.data ?? [])].sort(
    (a, b) => Number(b.pmoId === props.pmoId) - Number(a.pmoId === props.pmoId) || a.name.localeCompare(b.name),
  );
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      allowClear
      loading={portfolios.isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="None"
      options={sorted.map((p) => ({ value: p.id, label: `${p.name} (${p.code}) · ${p.pmo.name}` }))}
      style={{ width: '100%' }}
    />
  );
}

/**
 * The person of an allocation row, ranked by the server for the row: holders of its skill first,
 * then those free for its FTE in every month of it, then by free capacity. Each option shows the
 * person's least free FTE over the months.
 */
export function AllocationPersonSelect(
  props: PickerProps & { skillId: string | null; from: string | null; to: string | null; fte: number | null },
) {
  const query = new URLSearchParams({ limit: '1000' });
  if (props.skillId) query.set('skillId', props.skillId);
  if (props.from && props.to && props.from <= props.to) {
    query.set('from', props.from);
    query.set('to', props.to);
  }
  if (props.fte && props.fte > 0) query.set('fte', String(props.fte));
  const candidates = useRecord<AllocationCandidates>(`/resources/candidates?${query}`);
  const items = candidates.data?.items ?? [];
  const option = (c: AllocationCandidate) => ({
    value: c.person.id,
    search: `${c.person.name} ${c.person.jobTitle ?? ''}`,
    label: (
      <Flex justify="space-between" gap={8}>
        <span>
          {c.person.name}
          {c.person.jobTitle && <Typography.Text type="secondary"> · {c.person.jobTitle}</Typography.Text>}
        </span>
        <Tag color={c.fits ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
          {c.minFreeFte} FTE free
        </Tag>
      </Flex>
    ),
  });
  type Option = ReturnType<typeof option>;
  const withSkill = items.filter((c) => c.hasSkill);
  const options: (Option | { label: string; options: Option[] })[] = props.skillId
    ? [
        { label: 'With the skill', options: withSkill.map(option) },
        { label: 'Others', options: items.filter((c) => !c.hasSkill).map(option) },
      ].filter((group) => group.options.length > 0)
    : items.map(option);
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      allowClear
      loading={candidates.isLoading}
      showSearch={{ optionFilterProp: 'search' }}
      placeholder={props.skillId ? 'A person with the skill, or leave unnamed' : 'Choose a person'}
      options={options}
      popupMatchSelectWidth={420}
      style={{ width: '100%' }}
    />
  );
}

/** A person's free FTE in each month of [from, to], beside an allocation row as it is filled in. */
export function usePersonCapacity(personId: string | null | undefined, from: string | null, to: string | null) {
  const valid = Boolean(personId && from && to && from <= to);
  return useRecord<PersonCapacity>(valid ? `/people/${personId}/capacity?from=${from}&to=${to}` : null);
}
