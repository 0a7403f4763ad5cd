// 报告 the register: the reports of the caller's scope, newest first, with their type, period, revision and
// status, filtered by type, unit and period (kept in the URL); staff ask for a report, regenerate one as
// a new revision, and download the .docx of a ready one.
import { DownloadOutlined, FileAddOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Select, Space, type TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { REPORT_TYPES, type ReportSummary, type ReportType } from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { errorText } from '../../components/errors.ts';
import { formatDateTime } from '../../components/format.ts';
import {
  cleanParams,
  matching,
  oneOf,
  pagingFrom,
  pagingParams,
  useListQuery,
  UUID,
  type ListQueryOptions,
} from '../../components/list-query.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { OrgUnitTreeSelect } from '../org-units/OrgUnitTreeSelect.tsx';
import { downloadReport, regenerateReport, reportsQueryKey, useReports, type ReportQuery } from './api.ts';
import { GenerateReportDialog } from './GenerateReportDialog.tsx';
import { ReportStatusTag, ReportTypeTag, RevisionTag } from './ReportTags.tsx';
import '../enterprises/registry.css';

const PAGE_SIZE = 20;
const PERIOD = /^\d{4}-(W\d{2}|Q[1-4]|\d{2})$/;

interface FilterValues {
  type?: ReportType;
  orgUnitId?: string;
  period?: string;
}

const listQuery: ListQueryOptions<ReportQuery, FilterValues> = {
  parse: (params) => ({
    type: oneOf<ReportType>(REPORT_TYPES, params.get('type')),
    orgUnitId: matching(UUID, params.get('orgUnitId')),
    period: matching(PERIOD, params.get('period')?.trim() ?? null),
    ...pagingFrom(params, PAGE_SIZE),
  }),
  toParams: (query) => cleanParams({ ...query, ...pagingParams(query, PAGE_SIZE) }),
  formValues: (query) => ({ type: query.type, orgUnitId: query.orgUnitId, period: query.period }),
  fromForm: (values) => ({
    type: values.type,
    orgUnitId: values.orgUnitId,
    period: values.period?.trim() || undefined,
  }),
};

export function ReportsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useListQuery(listQuery);
  const reports = useReports(list.query);
  const [generating, setGenerating] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  const regenerate = async (report: ReportSummary) => {
    setBusy(report.id);
    try {
      const id = await regenerateReport(report.id);
      void message.success(t('reports.regenerated'));
      await queryClient.invalidateQueries({ queryKey: reportsQueryKey });
      void navigate(`/reports/${id}`);
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  const download = async (report: ReportSummary) => {
    setBusy(report.id);
    try {
      void message.success(t('reports.downloaded', { name: await downloadReport(report.id) }));
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<ReportSummary> = [
    {
      title: t('reports.columns.title'),
      dataIndex: 'title',
      width: 300,
      render: (title: string, report) => (
        <Link className="record-link" to={`/reports/${report.id}`}>
          {title}
        </Link>
      ),
    },
    {
      title: t('reports.columns.type'),
      dataIndex: 'type',
      width: 110,
      render: (type: ReportType) => <ReportTypeTag type={type} />,
    },
    { title: t('reports.columns.orgUnit'), dataIndex: 'orgUnitName', width: 160, ellipsis: true },
    {
      title: t('reports.columns.period'),
      dataIndex: 'period',
      width: 150,
      render: (period: string, report) => (
        <span title={`${report.from} ~ ${report.to}`}>{report.periodLabel || period}</span>
      ),
    },
    {
      title: t('reports.columns.revision'),
      dataIndex: 'revision',
      width: 170,
      render: (revision: number, report) => (
        <RevisionTag revision={revision} latest={report.latest} trigger={report.trigger} />
      ),
    },
    {
      title: t('reports.columns.status'),
      dataIndex: 'status',
      width: 100,
      render: (_, report) => <ReportStatusTag status={report.status} />,
    },
    {
      title: t('reports.columns.generatedAt'),
      dataIndex: 'generatedAt',
      width: 170,
      render: (at: string | null) => formatDateTime(at),
    },
    {
      title: t('reports.columns.generatedBy'),
      dataIndex: 'generatedByName',
      width: 100,
      render: (name: string | null, report) =>
        name ?? (report.trigger === 'scheduled' ? t('reports.system') : '—'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      fixed: 'right',
      render: (_, report) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<DownloadOutlined />}
            disabled={report.status !== 'ready'}
            loading={busy === report.id}
            onClick={() => void download(report)}
          >
            {t('reports.downloadShort')}
          </Button>
          {can('reports.write') ? (
            <Button
              type="link"
              size="small"
              icon={<ReloadOutlined />}
              disabled={busy === report.id}
              onClick={() => void regenerate(report)}
              data-testid="report-regenerate"
            >
              {t('reports.regenerate')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <ListPage
      list={list}
      title={t('reports.title')}
      actions={
        can('reports.write') ? (
          <Button
            type="primary"
            icon={<FileAddOutlined />}
            onClick={() => setGenerating(true)}
            data-testid="report-generate"
          >
            {t('reports.generate')}
          </Button>
        ) : null
      }
      intro={t('reports.intro')}
      filters={
        <>
          <Form.Item name="type">
            <Select
              allowClear
              placeholder={t('reports.columns.type')}
              style={{ width: 140 }}
              options={REPORT_TYPES.map((value) => ({ value, label: t(`reports.type.${value}`) }))}
            />
          </Form.Item>
          <Form.Item name="orgUnitId">
            <OrgUnitTreeSelect allowClear placeholder={t('reports.columns.orgUnit')} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="period">
            <Input allowClear maxLength={10} placeholder={t('reports.periodFilter')} style={{ width: 200 }} />
          </Form.Item>
        </>
      }
      table={{ result: reports, columns, scroll: { x: 1300 }, testId: 'reports-table' }}
    >
      {generating ? (
        <GenerateReportDialog
          onClose={() => setGenerating(false)}
          onCreated={(id) => {
            void message.success(t('reports.requested'));
            void queryClient.invalidateQueries({ queryKey: reportsQueryKey });
            void navigate(`/reports/${id}`);
          }}
        />
      ) : null}
    </ListPage>
  );
}
