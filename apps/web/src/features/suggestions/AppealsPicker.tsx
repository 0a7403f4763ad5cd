// Picking the appeals a suggestion is built from: type part of a number, title or enterprise name and
// choose among the matches (remote search, debounced); the chosen ones keep their labels between searches.
import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppealState } from '@qinqing/shared';
import { AppealStateTag } from '../appeals/AppealTags.tsx';
import { useDebounced } from '../search/useDebounced.ts';
import { searchAppeals } from './api.ts';

export interface PickedAppeal {
  id: string;
  number: string;
  title: string;
  state: AppealState;
  enterpriseName?: string;
}

export function AppealsPicker({
  value,
  onChange,
  initial,
  id,
}: {
  value?: string[];
  onChange?: (value: string[]) => void;
  /** The appeals already linked: their labels before any search. */
  initial: readonly PickedAppeal[];
  id?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [known, setKnown] = useState(() => new Map(initial.map((appeal) => [appeal.id, appeal])));
  const q = useDebounced(text.trim());
  const { data, isFetching } = useQuery({
    queryKey: ['appeals', 'suggestion-picker', q],
    queryFn: () => searchAppeals(q),
    enabled: q.length > 0,
  });
  const found: PickedAppeal[] = (data ?? []).map((appeal) => ({
    id: appeal.id,
    number: appeal.number,
    title: appeal.title,
    state: appeal.state,
    enterpriseName: appeal.enterpriseName,
  }));
  const selected = (value ?? [])
    .map((appealId) => known.get(appealId))
    .filter((appeal) => appeal !== undefined);
  const options = [...selected, ...found.filter((appeal) => !value?.includes(appeal.id))];
  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      value={value}
      showSearch={{ filterOption: false, onSearch: setText }}
      placeholder={t('suggestions.form.appealsHelp')}
      notFoundContent={isFetching ? <Spin size="small" /> : q ? t('suggestions.form.appealsNone') : null}
      onChange={(next) => {
        setKnown((current) => {
          const merged = new Map(current);
          for (const appeal of found) merged.set(appeal.id, appeal);
          return merged;
        });
        onChange?.(next);
      }}
      options={options.map((appeal) => ({
        value: appeal.id,
        label: `${appeal.number} ${appeal.title}`,
        appeal,
      }))}
      optionRender={({ data: option }) => (
        <div className="picker-option">
          <div>
            {option.appeal.number} {option.appeal.title} <AppealStateTag state={option.appeal.state} />
          </div>
          {option.appeal.enterpriseName ? (
            <div className="picker-option-sub">{option.appeal.enterpriseName}</div>
          ) : null}
        </div>
      )}
      data-testid="suggestion-appeals"
    />
  );
}
