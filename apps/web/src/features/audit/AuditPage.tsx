// 审计日志 audit log: filters by action (chosen by name, grouped), person, record and time (kept in the
// URL), the paged table of actions by name and records by business key, each record's detail as labelled
// fields, the Excel export of the same filters and the check of the HMAC chain.
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Collapse,
  DatePicker,
  Descriptions,
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
import {
  AUDIT_ACTION_CODES,
  AUDIT_ACTION_GROUPS,
  AUDIT_ACTIONS,
  isAuditAction,
  type AuditActionGroup,
  type AuditEventView,
} from '@qinqing/shared';
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
import { useLabels } from '../../i18n/labels.ts';
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

const GROUPS = Object.keys(AUDIT_ACTION_GROUPS) as AuditActionGroup[];

/** Action codes from the URL, those the platform names; comma-separated as the API takes them. */
function actionsFrom(value: string | null): string | undefined {
  const codes = (value ?? '').split(',').filter(isAuditAction);
  return codes.length > 0 ? codes.join(',') : undefined;
}

/** The filters typed as text: who did it, and to which record. */
const TEXT_FILTERS = [
  { name: 'actor', label: 'audit.filters.actor', placeholder: 'audit.filters.actorPlaceholder', max: 64 },
  { name: 'object', label: 'audit.filters.object', placeholder: 'audit.filters.objectPlaceholder', max: 100 },
] as const;

interface FilterValues {
  actor?: string;
  actions?: string[];
  object?: string;
  result?: AuditResult;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const listQuery: ListQueryOptions<AuditQuery, FilterValues> = {
  parse: (params) => ({
    actor: params.get('actor') || undefined,
    action: actionsFrom(params.get('action')),
    group: oneOf<AuditActionGroup>(GROUPS, params.get('group')),
    object: params.get('object') || undefined,
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
    actions: query.action ? query.action.split(',') : undefined,
    object: query.object,
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
      action: values.actions?.length ? values.actions.join(',') : undefined,
      object: values.object?.trim() || undefined,
      // Set by a link, not shown in the form: kept until reset.
      group: query.group,
      objectType: query.objectType,
      objectId: query.objectId,
      result: values.result,
      from: from ? from.toISOString() : undefined,
      to: to ? to.toISOString() : undefined,
    };
  },
};

/** A record's detail: its labelled fields, and the record as stored for who needs the codes. */
function DetailView({ event }: { event: AuditEventView }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  return (
    <div className="audit-detail" data-testid="audit-detail">
      {event.fields.length > 0 ? (
        <Descriptions
          size="small"
          column={1}
          bordered
          items={event.fields.map((field) => ({
            key: field.key,
            label: field.label[lang],
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{field.value}</span>,
          }))}
        />
      ) : (
        <div className="muted">{t('audit.noDetail')}</div>
      )}
      <Collapse
        ghost
        size="small"
        items={[
          {
            key: 'raw',
            label: t('audit.raw'),
            children: (
              <>
                <Typography.Text type="secondary">
                  {t('audit.columns.seq')} #{event.seq} · {event.action}
                  {event.objectId ? ` · ${event.objectType ?? ''} ${event.objectId}` : ''}
                </Typography.Text>
                {event.detail ? (
                  <pre className="json-detail">{JSON.stringify(event.detail, null, 2)}</pre>
                ) : null}
              </>
            ),
          },
        ]}
      />
    </div>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const { lang } = useLabels();
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
      key: 'actor',
      width: 150,
      render: (_, event) =>
        event.actorName ? (
          <>
            <div>{event.actorDisplayName ?? event.actorName}</div>
            {event.actorDisplayName && event.actorDisplayName !== event.actorName ? (
              <div className="muted">{event.actorName}</div>
            ) : null}
          </>
        ) : (
          <span className="muted">{t('audit.system')}</span>
        ),
    },
    {
      title: t('audit.columns.roles'),
      dataIndex: 'actorRoles',
      width: 150,
      render: (roles: string[]) => <RoleTags roles={roles} />,
    },
    {
      title: t('audit.columns.action'),
      key: 'action',
      width: 200,
      render: (_, event) => (
        <Tooltip title={event.action}>
          <div>
            <div>{event.actionName[lang]}</div>
            {event.actionGroup ? (
              <div className="muted">{AUDIT_ACTION_GROUPS[event.actionGroup][lang]}</div>
            ) : null}
          </div>
        </Tooltip>
      ),
    },
    {
      title: t('audit.columns.object'),
      key: 'object',
      width: 280,
      render: (_, event) =>
        event.object ? (
          <Tooltip title={event.objectId}>
            <div>
              <div className="muted">{event.object.typeName[lang]}</div>
              <div>
                {event.object.key}
                {event.object.exists ? null : <span className="muted"> {t('audit.gone')}</span>}
              </div>
            </div>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    { title: t('audit.columns.ip'), dataIndex: 'ip', width: 120, render: (ip: string | null) => ip ?? '—' },
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
          <Form.Item name="actions" label={t('audit.filters.action')}>
            <Select
              mode="multiple"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              maxTagCount="responsive"
              placeholder={t('audit.filters.actionPlaceholder')}
              style={{ width: 260 }}
              data-testid="audit-action-filter"
              options={GROUPS.map((group) => ({
                label: AUDIT_ACTION_GROUPS[group][lang],
                title: AUDIT_ACTION_GROUPS[group][lang],
                options: AUDIT_ACTION_CODES.filter((code) => AUDIT_ACTIONS[code].group === group).map(
                  (code) => ({ value: code, label: AUDIT_ACTIONS[code][lang] }),
                ),
              }))}
            />
          </Form.Item>
          {TEXT_FILTERS.map(({ name, label, placeholder, max }) => (
            <Form.Item key={name} name={name} label={t(label)}>
              <Input allowClear placeholder={t(placeholder)} maxLength={max} style={{ width: 180 }} />
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
        scroll: { x: 1200 },
        expandable: { expandedRowRender: (event) => <DetailView event={event} /> },
        pageSizeOptions: [20, 50, 100, 200],
        testId: 'audit-table',
        testIdAround: true,
      }}
    />
  );
}
