import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, TreeSelect } from 'antd';
import { type CSSProperties, type ReactNode, useState } from 'react';
import { type ListReply, api } from '../api/client.ts';
import { useList, useRecord } from '../api/hooks.ts';
import type { Reply } from '../api/openapi.ts';
import type { OrgUnitNode, Person, Pmo, Position, ProjectTypeSummary, Skill } from '../api/domain.ts';
import type { Course } from '../api/training.ts';
import { type Month, addMonths } from '../lib/capacity.ts';
import { DateInput } from './DateInput.tsx';
import { useDebounced } from './useDebounced.ts';

/** antd form controls pass value/onChange; these pickers load their options from the API. */
interface PickerProps<V> {
  value?: V;
  onChange?: (value: V) => void;
  id?: string;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  'aria-label'?: string;
  /** Defaults to the full width of its container, like the other inputs of a form. */
  style?: CSSProperties;
}

interface PickerOption {
  value: string;
  label: string;
  /** The text typed to find the option, when it is not the label. */
  search?: string;
}

/** The searchable single-choice Select every picker here shows; clearing it yields null. */
function PickerSelect(
  props: PickerProps<string | null> & {
    options: PickerOption[];
    /** The option field typed text is matched against. */
    searchBy?: 'label' | 'search';
    loading?: boolean;
    defaultPlaceholder: string;
  },
) {
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      style={{ width: '100%', ...props.style }}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      showSearch={{ optionFilterProp: props.searchBy ?? 'label' }}
      allowClear={props.allowClear}
      disabled={props.disabled}
      loading={props.loading}
      placeholder={props.placeholder ?? props.defaultPlaceholder}
      options={props.options}
    />
  );
}

/**
 * A picker over an API list (`{items:[...]}`): each item becomes an option valued by its id.
 * `filter` keeps some items; `search` sets the text typed to find one (default: its label).
 */
export function ApiPicker<T extends { id: string }>({
  path,
  params,
  label,
  search,
  filter,
  sortByLabel,
  ...props
}: PickerProps<string | null> & {
  /** The list endpoint, e.g. '/people'. */
  path: string;
  /** Query parameters of the list, e.g. `{ active: 'true' }`. */
  params?: Record<string, string>;
  label: (item: T) => string;
  search?: (item: T) => string;
  filter?: (item: T) => boolean;
  sortByLabel?: boolean;
  defaultPlaceholder: string;
}) {
  const list = useList<T>(path, params);
  const options = (list.data ?? [])
    .filter((item) => filter?.(item) ?? true)
    .map((item): PickerOption => ({ value: item.id, label: label(item), ...(search ? { search: search(item) } : {}) }));
  if (sortByLabel) options.sort((a, b) => a.label.localeCompare(b.label));
  return <PickerSelect {...props} options={options} searchBy={search ? 'search' : 'label'} loading={list.isLoading} />;
}

/**
 * The options of a picker over a long list, searched on the server: the first page of what
 * matches the text typed (`q`), and the chosen record, loaded by its id when it is not among them.
 */
export function useServerSearch<T extends { id: string }>(path: string, params: Record<string, string>, value: string | null) {
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim());
  const query = { ...params, ...(q ? { q } : {}) };
  const matches = useQuery({
    queryKey: [path, query],
    queryFn: ({ signal }) => api.get<ListReply<T>>(path, { query, signal }),
    placeholderData: keepPreviousData,
  });
  const items = matches.data?.items ?? [];
  const chosen = useRecord<T>(value && !items.some((i) => i.id === value) ? `${path}/${value}` : null);
  const selected = chosen.data;
  return {
    items: selected && !items.some((i) => i.id === selected.id) ? [selected, ...items] : items,
    loading: matches.isFetching,
    onSearch: setTyped,
    /** More match than the first page holds: the list says to type more. */
    truncated: (matches.data?.total ?? 0) > items.length,
  };
}

/** A single-choice picker whose typed text searches the list on the server. */
export function SearchPicker<T extends { id: string }>({
  path,
  params = {},
  label,
  filter,
  defaultPlaceholder,
  ...props
}: PickerProps<string | null> & {
  /** The list endpoint, which takes `q`: '/people', '/projects', '/courses'. */
  path: string;
  params?: Record<string, string>;
  label: (item: T) => string;
  filter?: (item: T) => boolean;
  defaultPlaceholder: string;
}) {
  const search = useServerSearch<T>(path, params, props.value ?? null);
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      style={{ width: '100%', ...props.style }}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      showSearch={{ filterOption: false, onSearch: search.onSearch }}
      allowClear={props.allowClear}
      disabled={props.disabled}
      loading={search.loading}
      placeholder={props.placeholder ?? defaultPlaceholder}
      notFoundContent={search.loading ? 'Searching…' : 'Nothing matches'}
      options={search.items
        .filter((item) => item.id === props.value || (filter?.(item) ?? true))
        .map((item) => ({ value: item.id, label: label(item) }))}
      popupRender={(menu) => (
        <>
          {menu}
          {search.truncated && (
            <div style={{ padding: '4px 12px', fontSize: 12 }} role="note">
              Type more of a name to find others.
            </div>
          )}
        </>
      )}
    />
  );
}

/** Active people, searched by name or e-mail on the server. */
export function PersonSelect({ exclude, ...props }: PickerProps<string | null> & { exclude?: string[] }) {
  return (
    <SearchPicker<Person>
      {...props}
      path="/people"
      params={{ active: 'true' }}
      defaultPlaceholder="Choose a person"
      filter={(p) => !exclude?.includes(p.id)}
      label={(p) => (p.jobTitle ? `${p.name} · ${p.jobTitle}` : p.name)}
    />
  );
}

type TreeOption = { value: string; title: ReactNode; children: TreeOption[] };

function toTreeOptions(nodes: OrgUnitNode[]): TreeOption[] {
  return nodes.map((n) => ({ value: n.id, title: `${n.name} (${n.code})`, children: toTreeOptions(n.children ?? []) }));
}

/** The org unit tree: its root units, each with its children. */
export function useOrgTree() {
  const tree = useRecord<Reply<'/api/v1/org-units/tree'>>('/org-units/tree');
  return { ...tree, roots: tree.data?.items };
}

export function OrgUnitSelect(props: PickerProps<string | null>) {
  const tree = useOrgTree();
  return (
    <TreeSelect
      id={props.id}
      aria-label={props['aria-label']}
      style={{ width: '100%', ...props.style }}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.((v as string | undefined) ?? null)}
      treeData={toTreeOptions(tree.roots ?? [])}
      treeDefaultExpandAll
      showSearch
      treeNodeFilterProp="title"
      allowClear={props.allowClear}
      disabled={props.disabled}
      loading={tree.isLoading}
      placeholder={props.placeholder ?? 'Choose an org unit'}
    />
  );
}

export function OrgUnitMultiSelect(props: PickerProps<string[]>) {
  const tree = useOrgTree();
  return (
    <TreeSelect
      id={props.id}
      aria-label={props['aria-label']}
      style={{ width: '100%', ...props.style }}
      value={props.value ?? []}
      onChange={(v) => props.onChange?.(v as string[])}
      treeData={toTreeOptions(tree.roots ?? [])}
      treeDefaultExpandAll
      multiple
      showSearch
      treeNodeFilterProp="title"
      loading={tree.isLoading}
      placeholder={props.placeholder ?? 'Choose org units'}
    />
  );
}

export function PositionSelect({ exclude, ...props }: PickerProps<string | null> & { exclude?: string }) {
  return (
    <ApiPicker<Position>
      {...props}
      path="/positions"
      defaultPlaceholder="Choose a position"
      filter={(p) => p.id !== exclude}
      label={(p) => `${p.code} · ${p.title}${p.holderName ? ` (${p.holderName})` : ''}`}
    />
  );
}

export function PmoSelect({ exclude, ...props }: PickerProps<string | null> & { exclude?: string }) {
  return (
    <ApiPicker<Pmo>
      {...props}
      path="/pmos"
      defaultPlaceholder="Choose a PMO"
      filter={(p) => p.id !== exclude}
      label={(p) => `${p.name} (${p.code})`}
    />
  );
}

export function SkillSelect(props: PickerProps<string | null>) {
  return <ApiPicker<Skill> {...props} path="/skills" defaultPlaceholder="Choose a skill" label={(s) => s.name} sortByLabel />;
}

export function ProjectTypeSelect(props: PickerProps<string | null>) {
  return (
    <ApiPicker<ProjectTypeSummary>
      {...props}
      path="/project-types"
      defaultPlaceholder="Choose a project type"
      label={(t) => t.name}
    />
  );
}

/** Active courses, by code and title, searched on the server. */
export function CourseSelect(props: PickerProps<string | null>) {
  return (
    <SearchPicker<Course>
      {...props}
      path="/courses"
      params={{ active: 'true' }}
      defaultPlaceholder="Choose a course"
      label={(c) => `${c.code} · ${c.title}`}
    />
  );
}

/** A month (`2027-01`): the app's one date input, picking whole months; `min` is the earliest. */
export function MonthSelect({ min, ...props }: PickerProps<Month | null> & { min?: Month }) {
  return (
    <DateInput
      month
      id={props.id}
      aria-label={props['aria-label']}
      value={props.value ?? null}
      onChange={(v) => props.onChange?.(v)}
      min={min}
      placeholder={props.placeholder}
      disabled={props.disabled}
      allowClear={props.allowClear ?? false}
      style={props.style}
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
