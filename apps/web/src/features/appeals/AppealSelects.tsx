// Pickers the appeal pages share: a category (from the configurable list) and a department (the far end of
// a direct channel).
import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { labelLang } from '../../i18n/index.ts';
import { useChannels } from '../channels/api.ts';
import { useAppealCategories } from './api.ts';

interface SelectProps<Value> {
  value?: Value;
  onChange?: (value: Value | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
}

/** The category's name in the chosen language. */
export function useCategoryName() {
  const { i18n } = useTranslation();
  const { data } = useAppealCategories();
  const lang = labelLang(i18n.language);
  return (code: string, fallback?: string) => {
    const category = data?.find((item) => item.code === code);
    if (!category) return fallback ?? code;
    return lang === 'en' ? category.nameEn : category.nameZh;
  };
}

export function CategorySelect({
  multiple,
  activeOnly,
  ...props
}: SelectProps<string | string[]> & { multiple?: boolean; activeOnly?: boolean }) {
  const { data, isPending } = useAppealCategories();
  const name = useCategoryName();
  return (
    <Select<string | string[]>
      {...props}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      maxTagCount="responsive"
      loading={isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={(data ?? [])
        .filter((category) => !activeOnly || category.active)
        .map((category) => ({ value: category.code, label: name(category.code) }))}
    />
  );
}

export function DepartmentSelect(props: SelectProps<string>) {
  const { data, isPending } = useChannels();
  return (
    <Select<string>
      {...props}
      allowClear
      loading={isPending}
      showSearch={{ optionFilterProp: 'label' }}
      popupMatchSelectWidth={false}
      options={(data ?? []).map((channel) => ({
        value: channel.department.id,
        label: channel.department.name,
      }))}
    />
  );
}
