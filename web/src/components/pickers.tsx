import { Select, TreeSelect } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useList, useRecord } from '../api/hooks.ts';
import type { OrgUnitNode, Person, Pmo, Position } from '../api/domain.ts';

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

export function PersonSelect(props: PickerProps<string | null> & { exclude?: string[] }) {
  const people = useList<Person>('/people');
  const options = (people.data ?? [])
    .filter((p) => p.active && !props.exclude?.includes(p.id))
    .map((p) => ({ value: p.id, label: p.jobTitle ? `${p.name} · ${p.jobTitle}` : p.name, search: `${p.name} ${p.email}` }));
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      style={{ width: '100%', ...props.style }}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      showSearch={{ optionFilterProp: 'search' }}
      allowClear={props.allowClear}
      disabled={props.disabled}
      loading={people.isLoading}
      placeholder={props.placeholder ?? 'Choose a person'}
      options={options}
    />
  );
}

type TreeOption = { value: string; title: ReactNode; children: TreeOption[] };

function toTreeOptions(nodes: OrgUnitNode[]): TreeOption[] {
  return nodes.map((n) => ({ value: n.id, title: `${n.name} (${n.code})`, children: toTreeOptions(n.children ?? []) }));
}

/** The org unit tree reply: `{items:[...]}`, tolerant of a bare array. */
export function useOrgTree() {
  const tree = useRecord<{ items: OrgUnitNode[] } | OrgUnitNode[]>('/org-units/tree');
  const roots = tree.data ? (Array.isArray(tree.data) ? tree.data : tree.data.items) : undefined;
  return { ...tree, roots };
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

export function PositionSelect(props: PickerProps<string | null> & { exclude?: string }) {
  const positions = useList<Position>('/positions');
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      style={{ width: '100%', ...props.style }}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      allowClear={props.allowClear}
      disabled={props.disabled}
      loading={positions.isLoading}
      placeholder={props.placeholder ?? 'Choose a position'}
      showSearch={{ optionFilterProp: 'label' }}
      options={(positions.data ?? [])
        .filter((p) => p.id !== props.exclude)
        .map((p) => ({ value: p.id, label: `${p.code} · ${p.title}${p.holderName ? ` (${p.holderName})` : ''}` }))}
    />
  );
}

export function PmoSelect(props: PickerProps<string | null> & { exclude?: string }) {
  const pmos = useList<Pmo>('/pmos');
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      style={{ width: '100%', ...props.style }}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      allowClear={props.allowClear}
      disabled={props.disabled}
      loading={pmos.isLoading}
      placeholder={props.placeholder ?? 'Choose a PMO'}
      showSearch={{ optionFilterProp: 'label' }}
      options={(pmos.data ?? [])
        .filter((p) => p.id !== props.exclude)
        .map((p) => ({ value: p.id, label: `${p.name} (${p.code})` }))}
    />
  );
}
