// 邀请名单 the enterprises an event is for when its audience is an invited list (events, issue 16): several
// chosen by typing part of a name, pinyin or credit code.
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { searchEnterprises } from '../enterprises/api.ts';
import { useDebounced } from '../search/useDebounced.ts';

export function InviteesSelect({
  value,
  onChange,
  id,
}: {
  value?: string[];
  onChange?: (value: string[]) => void;
  id?: string;
}) {
  const [text, setText] = useState('');
  // The names of those already chosen, kept while the search shows others.
  const [known, setKnown] = useState<Map<string, string>>(new Map());
  const q = useDebounced(text.trim());
  const { data, isFetching } = useQuery({
    queryKey: ['enterprises', 'invitees', q],
    queryFn: () => searchEnterprises(q),
    enabled: q.length > 0,
  });
  const found = (data ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.orgUnitName}）` }));
  const options = [
    ...found,
    ...[...known]
      .filter(([key]) => !found.some((o) => o.value === key))
      .map(([key, label]) => ({ value: key, label })),
  ];
  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      loading={isFetching}
      value={value}
      onChange={(next) => {
        setKnown(new Map(options.filter((o) => next.includes(o.value)).map((o) => [o.value, o.label])));
        onChange?.(next);
      }}
      options={options}
      data-testid="event-invitees"
    />
  );
}
