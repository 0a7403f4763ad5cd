// 审计日志 audit log: filters (kept in the URL), the paged table with each record's detail, the Excel
// export of the same filters and the check of the HMAC chain.
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
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
import { useTranslation } from 'react-i18next';
import type { AuditEventView } from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { errorText } from '../../components/errors.ts';
import { formatDateTime } from '../../components/format.ts';
import {
  cleanParams,
  oneOf,
  pagingFrom,
  pagingParams,
  useListQuery,
  type ListQueryOptions,
} from '../../components/list-query.ts';
import { ListPage } from '../../components/ListPage.tsx';
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
const PAGE_SIZE = 20;

function isoOrUndefined(value: string | null): string | undefined {
  return value && dayjs(value).isValid() ? value : undefined;
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

const listQuery: ListQueryOptions<AuditQuery, FilterValues> = {
  parse: (params) => ({
    actor: params.get('actor') || undefined,
    action: params.get('action') || undefined,
    objectType: params.get('objectType') || undefined,
    objectId: params.get('objectId') || undefined,
    result: oneOf<AuditResult>(RESULTS, params.get('result')),
    from: isoOrUndefined(params.get('from')),
    to: isoOrUndefined(params.get('to')),
    ...pagingFrom(params, PAGE_SIZE),
  }),
  toParams: (query) => cleanParams({ ...query, ...pagingParams(query, PAGE_SIZE) }),
  formValues: (query) => ({
    actor: query.actor,
    action: query.action,
    objectType: query.objectType,
    result: query.result,
    range:
      query.from || query.to
        ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]
        : null,
  }),
  fromForm: (values, query) => {
    const [from, to] = values.range ?? [null, null];
    return {
      actor: values.actor?.trim() || undefined,
      action: values.action?.trim() || undefined,
      objectType: values.objectType?.trim() || undefined,
      // Set by a link from a record, not shown in the form: kept until reset.
      objectId: query.objectId,
      result: values.result,
      from: from ? from.toISOString() : undefined,
      to: to ? to.toISOString() : undefined,
    };
  },
};

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
  const list = useListQuery(listQuery);
  const { query } = list;
  const events = useAuditEvents(query);

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
    <ListPage
      list={list}
      title={t('audit.title')}
      actions={
        <Space>
          {can('audit.export') ? (
            <Button icon={<DownloadOutlined />} href={exportUrl(filtersOf(query))} data-testid="audit-export">
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
      filters={
        <>
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
        </>
      }
      table={{
        result: events,
        columns,
        scroll: { x: 1100 },
        expandable: { expandedRowRender: (event) => <DetailView event={event} /> },
        pageSizeOptions: [20, 50, 100, 200],
        testId: 'audit-table',
        testIdAround: true,
      }}
    />
  );
}
