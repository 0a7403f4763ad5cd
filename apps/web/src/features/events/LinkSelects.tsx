// What an event is linked to (events, issue 16): the published policies it explains (a 政策解读会) and the
// campaign (捐赠活动、公益项目) it belongs to, each chosen by typing part of its name. The server checks that
// the caller reads each one.
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import type { CampaignSummary, PolicySummary } from '@qinqing/shared';
import { api, type Page } from '../../api/client.ts';
import { useDebounced } from '../search/useDebounced.ts';

interface Option {
  value: string;
  label: string;
}

/** Keeps the chosen items' labels while the search shows others. */
function withKnown(options: Option[], known: Option[]): Option[] {
  const seen = new Set(options.map((o) => o.value));
  return [...options, ...known.filter((o) => !seen.has(o.value))];
}

export function PolicySelect({
  value,
  onChange,
  known = [],
  id,
}: {
  value?: string[];
  onChange?: (value: string[]) => void;
  known?: Option[];
  id?: string;
}) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const { data, isFetching } = useQuery({
    queryKey: ['policies', 'linkable', q],
    queryFn: () =>
      api.get<Page<PolicySummary>>('/policies', {
        query: { q: q || undefined, state: 'published', pageSize: 20 },
      }),
  });
  const options = (data?.items ?? []).map((p) => ({
    value: p.id,
    label: p.documentNumber ? `${p.title}（${p.documentNumber}）` : p.title,
  }));
  return (
    <Select
      id={id}
      mode="multiple"
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      loading={isFetching}
      value={value}
      onChange={onChange}
      options={withKnown(options, known)}
      data-testid="event-policies"
    />
  );
}

export function CampaignSelect({
  value,
  onChange,
  known = [],
  id,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  known?: Option[];
  id?: string;
}) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const { data, isFetching } = useQuery({
    queryKey: ['campaigns', 'linkable', q],
    queryFn: () =>
      api.get<Page<CampaignSummary>>('/campaigns', { query: { q: q || undefined, pageSize: 20 } }),
  });
  const options = (data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      loading={isFetching}
      value={value ?? undefined}
      onChange={(next?: string) => onChange?.(next ?? null)}
      options={withKnown(options, known)}
      data-testid="event-campaign"
    />
  );
}
