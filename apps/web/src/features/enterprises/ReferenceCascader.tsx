// A cascader over reference data that loads one level at a time (行业 section → class, 区划 province →
// street) and can show a stored code: the chain above the code is fetched and its levels loaded.
import { Cascader } from 'antd';
import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { fetchReferenceLevel, type ReferenceKind, type ReferenceLevel } from './reference.ts';

interface CascaderOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: CascaderOption[];
}

const TOP = '';

interface ReferenceCascaderProps {
  kind: ReferenceKind;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  /** True: any level may be picked (filters); false: only a leaf (a 4-digit industry class). */
  changeOnSelect?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
}

export function ReferenceCascader({
  kind,
  value,
  onChange,
  changeOnSelect = false,
  placeholder,
  allowClear = true,
  style,
  id,
  'data-testid': testId,
}: ReferenceCascaderProps) {
  /** Loaded levels: parent code (TOP for the top) → its children. */
  const [levels, setLevels] = useState<ReadonlyMap<string, ReferenceLevel['items']>>(new Map());
  /** The path from the top to `value`, once its chain is known. */
  const [path, setPath] = useState<string[]>([]);
  const [failed, setFailed] = useState(false);

  const remember = (parent: string, items: ReferenceLevel['items']) =>
    setLevels((current) => new Map(current).set(parent, items));

  useEffect(() => {
    let live = true;
    const load = async () => {
      const top = await fetchReferenceLevel(kind, null);
      if (!live) return;
      remember(TOP, top.items);
      if (!value) {
        setPath([]);
        return;
      }
      // The chain above a stored code, then every level along it, so the picker can show it.
      const { ancestors } = await fetchReferenceLevel(kind, value);
      const codes = ancestors.map((ancestor) => ancestor.code);
      const parents = codes.slice(0, -1);
      const loaded = await Promise.all(parents.map((parent) => fetchReferenceLevel(kind, parent)));
      if (!live) return;
      setLevels((current) => {
        const next = new Map(current);
        parents.forEach((parent, index) => next.set(parent, loaded[index]?.items ?? []));
        return next;
      });
      setPath(codes);
    };
    load().catch(() => {
      if (live) setFailed(true);
    });
    return () => {
      live = false;
    };
  }, [kind, value]);

  const options = useMemo(() => {
    const build = (parent: string): CascaderOption[] =>
      (levels.get(parent) ?? []).map((item) => ({
        value: item.code,
        label: item.name,
        isLeaf: item.isLeaf,
        ...(levels.has(item.code) ? { children: build(item.code) } : {}),
      }));
    return build(TOP);
  }, [levels]);

  const loadData = (selected: CascaderOption[]) => {
    const last = selected[selected.length - 1];
    if (!last || levels.has(last.value)) return;
    void fetchReferenceLevel(kind, last.value)
      .then((level) => remember(last.value, level.items))
      .catch(() => setFailed(true));
  };

  const shown = value && path[path.length - 1] === value ? path : value ? [value] : [];

  return (
    <Cascader<CascaderOption>
      id={id}
      data-testid={testId}
      style={style}
      options={options}
      loadData={loadData}
      value={shown}
      status={failed ? 'error' : undefined}
      changeOnSelect={changeOnSelect}
      placeholder={placeholder}
      allowClear={allowClear}
      popupMatchSelectWidth={false}
      onChange={(next) => {
        const picked = (next as string[] | undefined) ?? [];
        onChange?.(picked[picked.length - 1]);
      }}
    />
  );
}
