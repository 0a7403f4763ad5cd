// The header's search box: as the user types (debounced) it asks the server for enterprises, people and
// chambers, shows them grouped by kind, and Enter or a click opens the record.
import { ApartmentOutlined, BankOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { AutoComplete, Input, Spin } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SearchItem, SearchKind } from '@qinqing/shared';
import { pathOf, useGlobalSearch } from './api.ts';
import { useDebounced } from './useDebounced.ts';
import './search.css';

const KIND_ICONS: Record<SearchKind, ReactNode> = {
  enterprise: <BankOutlined />,
  person: <UserOutlined />,
  chamber: <ApartmentOutlined />,
};

/** The order of the groups (the header loads eagerly: no runtime import of the shared schemas). */
const KIND_ORDER: readonly SearchKind[] = ['enterprise', 'person', 'chamber'];

const valueOf = (item: Pick<SearchItem, 'kind' | 'id'>) => `${item.kind}:${item.id}`;

export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const { data, isFetching } = useGlobalSearch(q);
  const items = q ? (data ?? []) : [];
  const byValue = new Map(items.map((item) => [valueOf(item), item]));

  const options = KIND_ORDER.map((kind) => ({ kind, found: items.filter((item) => item.kind === kind) }))
    .filter((group) => group.found.length > 0)
    .map(({ kind, found }) => ({
      label: (
        <span className="search-group">
          {KIND_ICONS[kind]} {t(`search.kinds.${kind}`)}
        </span>
      ),
      options: found.map((item) => ({
        value: valueOf(item),
        label: (
          <div className="search-option" data-testid="global-search-option">
            <div className="search-option-title">{item.title}</div>
            <div className="search-option-sub">
              {item.subtitle ? <span>{item.subtitle}</span> : null}
              {item.matchedBy !== 'name' ? (
                <span className="search-match">{t(`search.matchedBy.${item.matchedBy}`)}</span>
              ) : null}
            </div>
          </div>
        ),
      })),
    }));

  const open = (value: string) => {
    const item = byValue.get(value);
    if (!item) return;
    setText('');
    void navigate(pathOf(item));
  };

  return (
    <AutoComplete
      className="global-search"
      // The input inside draws the border; the wrapper's own would double it.
      variant="borderless"
      defaultActiveFirstOption
      value={text}
      options={options}
      onSearch={setText}
      onSelect={open}
      popupMatchSelectWidth={380}
      notFoundContent={
        q ? isFetching ? <Spin size="small" /> : <span className="muted">{t('search.none')}</span> : null
      }
    >
      <Input
        allowClear
        prefix={<SearchOutlined className="muted" />}
        placeholder={t('search.placeholder')}
        maxLength={100}
        aria-label={t('search.placeholder')}
        data-testid="global-search"
      />
    </AutoComplete>
  );
}
