// Picking one chamber (商会) in the caller's scope by name.
import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useChamberOptions } from './api.ts';

export function ChamberSelect({
  value,
  onChange,
  placeholder,
  style,
  id,
}: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
  id?: string;
}) {
  const { data, isPending } = useChamberOptions();
  return (
    <Select<string>
      id={id}
      style={style}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={isPending}
      placeholder={placeholder}
      popupMatchSelectWidth={false}
      options={(data ?? []).map((chamber) => ({ value: chamber.id, label: chamber.name }))}
    />
  );
}
