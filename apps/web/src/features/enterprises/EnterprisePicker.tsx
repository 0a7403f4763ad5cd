// Picking an enterprise by typing part of its name, pinyin or credit code (remote search, debounced).
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnterpriseListItem } from '@qinqing/shared';
import { useDebounced } from '../search/useDebounced.ts';
import { searchEnterprises } from './api.ts';

export function EnterprisePicker({
  value,
  onChange,
  exclude,
  selected,
  placeholder,
  style,
  id,
}: {
  value?: string;
  onChange?: (value: string | undefined, enterprise?: EnterpriseListItem) => void;
  /** An id never offered (the record being merged into). */
  exclude?: string;
  /** The enterprise of a value set before any search (from a link), so its name shows. */
  selected?: Pick<EnterpriseListItem, 'id' | 'name' | 'uscc' | 'orgUnitName'>;
  placeholder?: string;
  style?: CSSProperties;
  id?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const { data, isFetching } = useQuery({
    queryKey: ['enterprises', 'picker', q],
    queryFn: () => searchEnterprises(q),
    enabled: q.length > 0,
  });
  const found = (data ?? []).filter((item) => item.id !== exclude);
  const items = selected && !found.some((item) => item.id === selected.id) ? [selected, ...found] : found;
  return (
    <Select<string>
      id={id}
      style={style}
      value={value}
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      placeholder={placeholder ?? t('enterprises.picker.placeholder')}
      notFoundContent={isFetching ? <Spin size="small" /> : q ? t('enterprises.picker.none') : null}
      onChange={(next) =>
        onChange?.(
          next ?? undefined,
          found.find((item) => item.id === next),
        )
      }
      options={items.map((item) => ({
        value: item.id,
        label: (
          <div className="picker-option">
            <div>{item.name}</div>
            <div className="picker-option-sub code-text">
              {item.uscc} · {item.orgUnitName}
            </div>
          </div>
        ),
      }))}
      optionLabelProp="label"
      data-testid="enterprise-picker"
    />
  );
}
