// The filters a list applies that its filter form has no field for (set by a drill-down from a figure, or a
// link from a record): each shown as a tag with its name and value, and removable — a list never filters
// by something the user cannot see.
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface AppliedFilter {
  /** The query parameter: the tag's test hook. */
  key: string;
  label: string;
  value: string;
  onRemove: () => void;
}

export function AppliedFilters({ filters }: { filters: readonly AppliedFilter[] }) {
  const { t } = useTranslation();
  if (filters.length === 0) return null;
  return (
    <Flex wrap align="center" gap={4} className="applied-filters" data-testid="applied-filters">
      <Typography.Text type="secondary">{t('common.appliedFilters')}</Typography.Text>
      {filters.map((filter) => (
        <Tag key={filter.key} closable onClose={filter.onRemove} data-testid={`applied-filter-${filter.key}`}>
          {t('common.filterValue', { label: filter.label, value: filter.value })}
        </Tag>
      ))}
    </Flex>
  );
}
