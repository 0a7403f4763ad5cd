// 建言献策: the suggestions of the caller's scope with the counts reports quote on top ("已报送 11 条，采纳
// 7 条", by the day submitted), filtered by status, kind, text and period (kept in the URL); a suggestion
// opens in a drawer, and those who may write draft new ones.
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Statistic,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SUGGESTION_KINDS,
  SUGGESTION_STATUSES,
  type SuggestionKind,
  type SuggestionStatus,
  type SuggestionSummary,
} from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import {
  cleanParams,
  DATE,
  matching,
  oneOf,
  pagingFrom,
  pagingParams,
  useListQuery,
  type ListQueryOptions,
} from '../../components/list-query.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { useSuggestionStats, useSuggestions, type SuggestionQuery } from './api.ts';
import { SuggestionDetailDrawer } from './SuggestionDetailDrawer.tsx';
import { SuggestionFormDrawer } from './SuggestionFormDrawer.tsx';
import { SuggestionKindTag, SuggestionStatusTag } from './SuggestionTags.tsx';
import '../enterprises/registry.css';
import './suggestions.css';

const PAGE_SIZE = 20;

interface FilterValues {
  q?: string;
  status?: SuggestionStatus;
  kind?: SuggestionKind;
  period?: [Dayjs, Dayjs] | null;
}

const listQuery: ListQueryOptions<SuggestionQuery, FilterValues> = {
  parse: (params) => ({
    q: params.get('q')?.trim().slice(0, 100) || undefined,
    status: oneOf<SuggestionStatus>(SUGGESTION_STATUSES, params.get('status')),
    kind: oneOf<SuggestionKind>(SUGGESTION_KINDS, params.get('kind')),
    from: matching(DATE, params.get('from')),
    to: matching(DATE, params.get('to')),
    ...pagingFrom(params, PAGE_SIZE),
  }),
  toParams: (query) => cleanParams({ ...query, ...pagingParams(query, PAGE_SIZE) }),
  formValues: (query) => ({
    q: query.q,
    status: query.status,
    kind: query.kind,
    period: query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null,
  }),
  fromForm: (values) => ({
    q: values.q?.trim() || undefined,
    status: values.status,
    kind: values.kind,
    from: values.period?.[0].format('YYYY-MM-DD'),
    to: values.period?.[1].format('YYYY-MM-DD'),
  }),
};

/** 0.75 → "75.0%"; nothing decided → "—". */
function percent(ratio: number | null): string {
  return ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`;
}

/** The counts of the period chosen (this year so far without one), as a report would say them. */
function SuggestionCounts({ from, to }: { from?: string; to?: string }) {
  const { t } = useTranslation();
  const { data } = useSuggestionStats({ from, to });
  if (!data) return null;
  return (
    <Card className="suggestion-counts" data-testid="suggestion-counts">
      <div>
        <div className="suggestion-counts-summary">
          {t('suggestions.counts.summary', {
            submitted: data.submitted,
            adopted: data.adopted + data.partlyAdopted,
          })}
          {data.partlyAdopted > 0 ? t('suggestions.counts.partly', { count: data.partlyAdopted }) : null}
        </div>
        <Typography.Text type="secondary">
          {t('suggestions.counts.period', { from: data.from, to: data.to })}
        </Typography.Text>
      </div>
      <Space size="large" wrap>
        <Statistic title={t('suggestions.counts.adopted')} value={data.adopted} />
        <Statistic title={t('suggestions.counts.partlyAdopted')} value={data.partlyAdopted} />
        <Statistic title={t('suggestions.counts.notAdopted')} value={data.notAdopted} />
        <Statistic title={t('suggestions.counts.pending')} value={data.pending} />
        <Statistic title={t('suggestions.counts.adoptionRate')} value={percent(data.adoptionRate)} />
      </Space>
    </Card>
  );
}

export function SuggestionsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const list = useListQuery(listQuery);
  const { query } = list;
  const suggestions = useSuggestions(query);
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<SuggestionSummary> = [
    { title: t('suggestions.columns.number'), dataIndex: 'number', width: 130, className: 'code-text' },
    {
      title: t('suggestions.columns.title'),
      dataIndex: 'title',
      render: (title: string, suggestion) => (
        <Button type="link" className="record-link" onClick={() => setOpenId(suggestion.id)}>
          {title}
        </Button>
      ),
    },
    {
      title: t('suggestions.columns.kind'),
      dataIndex: 'kind',
      width: 130,
      render: (kind: SuggestionKind) => <SuggestionKindTag kind={kind} />,
    },
    { title: t('suggestions.columns.targetBody'), dataIndex: 'targetBody', width: 150, ellipsis: true },
    {
      title: t('suggestions.columns.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: SuggestionStatus) => <SuggestionStatusTag status={status} />,
    },
    {
      title: t('suggestions.columns.submittedOn'),
      dataIndex: 'submittedOn',
      width: 110,
      render: (day: string | null) => day ?? '—',
    },
    {
      title: t('suggestions.columns.decidedOn'),
      dataIndex: 'decidedOn',
      width: 110,
      render: (day: string | null) => day ?? '—',
    },
    {
      title: t('suggestions.columns.documentRef'),
      dataIndex: 'documentRef',
      width: 180,
      ellipsis: true,
      render: (ref: string | null) => ref ?? '—',
    },
    { title: t('suggestions.columns.appeals'), dataIndex: 'appealCount', width: 90, align: 'right' },
  ];

  return (
    <ListPage
      list={list}
      title={t('suggestions.title')}
      actions={
        can('suggestions.write') ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="suggestion-create"
          >
            {t('suggestions.create')}
          </Button>
        ) : null
      }
      summary={<SuggestionCounts from={query.from} to={query.to} />}
      filters={
        <>
          <Form.Item name="q">
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('suggestions.searchPlaceholder')}
              maxLength={100}
              style={{ width: 260 }}
            />
          </Form.Item>
          <Form.Item name="status">
            <Select
              allowClear
              placeholder={t('suggestions.columns.status')}
              style={{ width: 130 }}
              options={SUGGESTION_STATUSES.map((value) => ({
                value,
                label: t(`suggestions.status.${value}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="kind">
            <Select
              allowClear
              placeholder={t('suggestions.columns.kind')}
              style={{ width: 150 }}
              options={SUGGESTION_KINDS.map((value) => ({ value, label: t(`suggestions.kind.${value}`) }))}
            />
          </Form.Item>
          <Form.Item name="period">
            <DatePicker.RangePicker
              allowClear
              placeholder={[t('suggestions.periodFrom'), t('suggestions.periodTo')]}
            />
          </Form.Item>
        </>
      }
      table={{ result: suggestions, columns, scroll: { x: 1100 }, testId: 'suggestions-table' }}
    >
      {openId ? <SuggestionDetailDrawer id={openId} onClose={() => setOpenId(null)} /> : null}
      {creating ? (
        <SuggestionFormDrawer onClose={() => setCreating(false)} onSaved={(saved) => setOpenId(saved.id)} />
      ) : null}
    </ListPage>
  );
}
