// Picking an org unit from the caller's subtree, searchable by name.
import { TreeSelect } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import { buildOrgTree, type OrgUnitNode } from './tree.ts';
import { useOrgUnits } from './api.ts';

interface TreeOption {
  value: string;
  title: string;
  children?: TreeOption[];
}

function toOptions(nodes: readonly OrgUnitNode[]): TreeOption[] {
  return nodes.map((node) => ({
    value: node.id,
    title: node.name,
    ...(node.children ? { children: toOptions(node.children) } : {}),
  }));
}

interface OrgUnitTreeSelectProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  id?: string;
}

export function OrgUnitTreeSelect({
  value,
  onChange,
  placeholder,
  allowClear,
  style,
  id,
}: OrgUnitTreeSelectProps) {
  const { data, isPending } = useOrgUnits();
  const options = useMemo(() => toOptions(buildOrgTree(data ?? [])), [data]);
  return (
    <TreeSelect<string>
      id={id}
      style={style}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      treeData={options}
      loading={isPending}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      popupMatchSelectWidth={false}
    />
  );
}
