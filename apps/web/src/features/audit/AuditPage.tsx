// 审计日志 audit log: filters (kept in the URL), the paged table with each record's detail, the Excel
// export of the same filters and the check of the HMAC chain.
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { AuditEventView } from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { errorText } from '../../components/errors.ts';
import { FilterActions } from '../../components/FilterActions.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { RoleTags } from '../../components/RoleTags.tsx';
import {
  exportUrl,
  useAuditEvents,
  verifyAuditChain,
  type AuditFilters,
  type AuditQuery,
  type AuditResult,
} from './api.ts';

const RESULT_COLORS: Record<AuditResult, string> = { success: 'green', failure: 'orange', denied: 'red' };
// From the record above rather than AUDIT_RESULTS in @qinqing/shared, whose module would pull zod into the page.
const RESULTS = Object.keys(RESULT_COLORS) as AuditResult[];
const FILTER_KEYS = ['actor', 'action', 'objectType', 'objectId', 'result', 'from', 'to'] as const;

function positiveInt(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

function isoOrUndefined(value: string | null): string | undefined {
  return value && dayjs(value).isValid() ? value : undefined;
}

function queryFrom(params: URLSearchParams): AuditQuery {
  const result = params.get('result');
  return {
    actor: params.get('actor') || undefined,
    action: params.get('action') || undefined,
    objectType: params.get('objectType') || undefined,
    objectId: params.get('objectId') || undefined,
    result: result && (RESULTS as string[]).includes(result) ? (result as AuditResult) : undefined,
    from: isoOrUndefined(params.get('from')),
    to: isoOrUndefined(params.get('to')),
    page: positiveInt(params.get('page'), 1),
    pageSize: Math.min(positiveInt(params.get('pageSize'), 20), 200),
  };
}

function paramsFrom(query: AuditQuery): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = query[key];
    if (value) params[key] = value;
  }
  if (query.page !== 1) params.page = String(query.page);
  if (query.pageSize !== 20) params.pageSize = String(query.pageSize);
  return params;
}

function filtersOf(query: AuditQuery): AuditFilters {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  return filters;
}

/** The filters typed as text: who did it, what was done, to what kind of record. */
const TEXT_FILTERS = [
  { name: 'actor', label: 'audit.filters.actor', placeholder: 'audit.filters.actorPlaceholder' },
  { name: 'action', label: 'audit.filters.action', placeholder: 'audit.filters.actionPlaceholder' },
  {
    name: 'objectType',
    label: 'audit.filters.objectType',
    placeholder: 'audit.filters.objectTypePlaceholder',
  },
] as const;

interface FilterValues {
  actor?: string;
  action?: string;
  objectType?: string;
  result?: AuditResult;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function formValuesOf(query: AuditQuery): FilterValues {
  return {
    actor: query.actor,
    action: query.action,
    objectType: query.objectType,
    result: query.result,
    range:
      query.from || query.to
        ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]
        : null,
  };
}

function DetailView({ event }: { event: AuditEventView }) {
  const { t } = useTranslation();
  return (
    <div className="audit-detail">
      <Typography.Text type="secondary">
        {t('audit.columns.seq')} #{event.seq} · {event.id}
        {event.objectId ? ` · ${event.objectType ?? ''} ${event.objectId}` : ''}
      </Typography.Text>
      {event.detail ? (
        <pre className="json-detail">{JSON.stringify(event.detail, null, 2)}</pre>
      ) : (
        <div className="muted">{t('audit.noDetail')}</div>
      )}
    </div>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { modal, message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = queryFrom(searchParams);
  const events = useAuditEvents(query);
  const [form] = Form.useForm<FilterValues>();

  useEffect(() => {
    form.setFieldsValue(formValuesOf(queryFrom(searchParams)));
  }, [form, searchParams]);

  const verify = useMutation({
    mutationFn: verifyAuditChain,
    onSuccess: (result) => {
      if (result.ok) {
        modal.success({
          title: t('audit.verifyOk'),
          content: t('audit.verifyOkDesc', { checked: result.checked }),
          okText: t('common.confirm'),
        });
      } else {
        modal.error({
          title: t('audit.verifyBroken'),
          content: (
            <>
              <p>
                {t('audit.verifyBrokenDesc', { checked: result.checked, seq: result.firstBrokenSeq ?? '?' })}
              </p>
              {result.reason ? <p>{t('audit.verifyReason', { reason: result.reason })}</p> : null}
            </>
          ),
          okText: t('common.confirm'),
        });
      }
    },
    onError: (failure) => void message.error(errorText(failure)),
  });

  const search = (values: FilterValues) => {
    const [from, to] = values.range ?? [null, null];
    setSearchParams(
      paramsFrom({
        actor: values.actor?.trim() || undefined,
        action: values.action?.trim() || undefined,
        objectType: values.objectType?.trim() || undefined,
        objectId: query.objectId,
        result: values.result,
        from: from ? from.toISOString() : undefined,
        to: to ? to.toISOString() : undefined,
        page: 1,
        pageSize: query.pageSize,
      }),
    );
  };

  const columns: TableColumnsType<AuditEventView> = [
    {
      title: t('audit.columns.time'),
      dataIndex: 'occurredAt',
      width: 170,
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('audit.columns.actor'),
      dataIndex: 'actorName',
      width: 130,
      render: (name: string | null) => name ?? <span className="muted">{t('audit.system')}</span>,
    },
    {
      title: t('audit.columns.roles'),
      dataIndex: 'actorRoles',
      width: 170,
      render: (roles: string[]) => <RoleTags roles={roles} />,
    },
    { title: t('audit.columns.ip'), dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
    {
      title: t('audit.columns.action'),
      dataIndex: 'action',
      width: 230,
      render: (action: string) => <Typography.Text code>{action}</Typography.Text>,
    },
    {
      title: t('audit.columns.object'),
      key: 'object',
      ellipsis: true,
      render: (_, event) =>
        event.objectType ? (
          <Tooltip title={event.objectId}>
            <span>
              {event.objectType}
              {event.objectId ? <span className="muted"> · {event.objectId.slice(0, 8)}</span> : null}
            </span>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: t('audit.columns.result'),
      dataIndex: 'result',
      width: 90,
      render: (result: AuditResult) => <Tag color={RESULT_COLORS[result]}>{t(`audit.result.${result}`)}</Tag>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={
          <Space>
            {can('audit.export') ? (
              <Button
                icon={<DownloadOutlined />}
                href={exportUrl(filtersOf(query))}
                data-testid="audit-export"
              >
                {t('audit.export')}
              </Button>
            ) : null}
            <Button
              icon={<SafetyCertificateOutlined />}
              loading={verify.isPending}
              onClick={() => verify.mutate()}
              data-testid="audit-verify"
            >
              {t('audit.verify')}
            </Button>
          </Space>
        }
      />
      <Card className="filter-card">
        <Form<FilterValues> form={form} layout="inline" onFinish={search} className="filter-form">
          {TEXT_FILTERS.map(({ name, label, placeholder }) => (
            <Form.Item key={name} name={name} label={t(label)}>
              <Input allowClear placeholder={t(placeholder)} maxLength={64} style={{ width: 160 }} />
            </Form.Item>
          ))}
          <Form.Item name="result" label={t('audit.filters.result')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              style={{ width: 120 }}
              options={RESULTS.map((result) => ({ value: result, label: t(`audit.result.${result}`) }))}
            />
          </Form.Item>
          <Form.Item name="range" label={t('audit.filters.range')}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              allowEmpty={[true, true]}
            />
          </Form.Item>
          <FilterActions onReset={() => setSearchParams({})} onRefresh={events.refetch} />
        </Form>
      </Card>
      <Card className="table-card">
        <PagedTable<AuditEventView, AuditQuery>
          result={events}
          query={query}
          setQuery={(next) => setSearchParams(paramsFrom(next))}
          columns={columns}
          scroll={{ x: 1100 }}
          expandable={{ expandedRowRender: (event) => <DetailView event={event} /> }}
          pageSizeOptions={[20, 50, 100, 200]}
          testId="audit-table"
          testIdAround
        />
      </Card>
    </>
  );
}
