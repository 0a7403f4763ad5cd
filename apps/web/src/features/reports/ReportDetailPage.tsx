// 报告详情 one report: while it is generated, its progress; then its figures (each linking to the list of
// records behind it), the categories with their representative cases, the departments' work, the
// commentary sections staff write (saved with the report's version; the figures stay as generated), the
// .docx to download and the other revisions of the same type, unit and period.
import { DownloadOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Row,
  Space,
  Spin,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  COMMENTARY_MAX,
  type ReportCategoryRow,
  type ReportDepartmentRow,
  type ReportFigure,
  type ReportView,
} from '@qinqing/shared';
import { isApiError } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { DetailGate, DetailHeader } from '../../components/DetailPage.tsx';
import { errorText } from '../../components/errors.ts';
import { formatDateTime } from '../../components/format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { downloadReport, regenerateReport, reportsQueryKey, saveCommentary, useReport } from './api.ts';
import { ReportStatusTag, ReportTypeTag, RevisionTag } from './ReportTags.tsx';
import './reports.css';

/** A rate 0–1 with one decimal, as the report prints it. */
const percent = (value: number | null) =>
  value === null ? '—' : `${(Math.round(value * 1000) / 10).toFixed(1)}%`;

export function ReportDetailPage() {
  const { id = '' } = useParams();
  return <DetailGate result={useReport(id)}>{(report) => <ReportDetail report={report} />}</DetailGate>;
}

function ReportDetail({ report }: { report: ReportView }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<'download' | 'regenerate' | null>(null);
  const working = report.status === 'queued' || report.status === 'running';
  // Revisions come newest first.
  const newest = report.versions[0];

  const download = async () => {
    setBusy('download');
    try {
      void message.success(t('reports.downloaded', { name: await downloadReport(report.id) }));
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  const regenerate = async () => {
    setBusy('regenerate');
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

  return (
    <div data-testid="report-detail">
      <DetailHeader title={report.title}>
        <ReportTypeTag type={report.type} />
        <ReportStatusTag status={report.status} />
      </DetailHeader>
      <Card className="report-head">
        <Row gutter={[16, 16]} align="middle">
          <Col flex="auto">
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2, xl: 4 }}
              items={[
                { key: 'orgUnit', label: t('reports.columns.orgUnit'), children: report.orgUnitName },
                {
                  key: 'period',
                  label: t('reports.columns.period'),
                  children: `${report.periodLabel}（${report.from} ~ ${report.to}）`,
                },
                {
                  key: 'revision',
                  label: t('reports.columns.revision'),
                  children: (
                    <RevisionTag revision={report.revision} latest={report.latest} trigger={report.trigger} />
                  ),
                },
                {
                  key: 'generatedAt',
                  label: t('reports.columns.generatedAt'),
                  children: `${formatDateTime(report.generatedAt)}${report.generatedByName ? ` · ${report.generatedByName}` : ''}`,
                },
              ]}
            />
          </Col>
          <Col>
            <Space wrap>
              <Button
                type="primary"
                icon={<DownloadOutlined />}
                disabled={report.status !== 'ready'}
                loading={busy === 'download'}
                onClick={() => void download()}
                data-testid="report-download"
              >
                {t('reports.download')}
              </Button>
              {can('reports.write') ? (
                <Button
                  icon={<ReloadOutlined />}
                  loading={busy === 'regenerate'}
                  disabled={working}
                  onClick={() => void regenerate()}
                  data-testid="report-regenerate"
                >
                  {t('reports.regenerate')}
                </Button>
              ) : null}
            </Space>
          </Col>
        </Row>
      </Card>
      {working ? (
        <Card>
          <Space>
            <Spin />
            <span data-testid="report-pending">{t('reports.detail.pending')}</span>
          </Space>
        </Card>
      ) : null}
      {report.status === 'failed' ? (
        <Alert type="error" showIcon title={t('reports.detail.failed', { error: report.error ?? '' })} />
      ) : null}
      {!report.latest && newest ? (
        <Alert
          type="info"
          showIcon
          className="report-alert"
          title={t('reports.detail.superseded', { n: report.revision })}
          action={<Link to={`/reports/${newest.id}`}>{t('reports.detail.openLatest')}</Link>}
        />
      ) : null}
      {report.status === 'ready' ? (
        <>
          <Figures figures={report.figures} dataHash={report.dataHash} />
          <Categories categories={report.categories} />
          <Departments departments={report.departments} />
          <Commentary
            key={`${report.id}:${report.version}`}
            report={report}
            editable={can('reports.write') && report.latest}
          />
        </>
      ) : null}
      <Versions report={report} />
    </div>
  );
}

/** The figure as shown: the report's own wording in Chinese; the bare number or rate in English. */
function figureText(figure: ReportFigure): string {
  if (currentLanguage() !== 'en-US' || figure.text.endsWith('%') || figure.value === null) return figure.text;
  return String(figure.value);
}

function Figures({ figures, dataHash }: { figures: ReportFigure[]; dataHash: string | null }) {
  const { t } = useTranslation();
  return (
    <Card
      title={t('reports.detail.figures')}
      extra={<Typography.Text type="secondary">{t('reports.detail.figuresNote')}</Typography.Text>}
    >
      <div className="report-figures">
        {figures.map((figure) => (
          <div key={figure.key} className="report-figure" data-testid={`report-figure-${figure.key}`}>
            <div className="report-figure-label">
              {t(`reports.figure.${figure.key}`, { defaultValue: figure.label })}
            </div>
            {figure.link ? (
              <Link to={figure.link} className="report-figure-value">
                {figureText(figure)}
              </Link>
            ) : (
              <span className="report-figure-value">{figureText(figure)}</span>
            )}
          </div>
        ))}
      </div>
      {dataHash ? (
        <Typography.Paragraph type="secondary" className="report-hash">
          {t('reports.detail.dataHash')}：<span className="code-text">{dataHash}</span>
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

function Categories({ categories }: { categories: ReportCategoryRow[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ReportCategoryRow> = [
    {
      title: t('reports.detail.columns.category'),
      dataIndex: 'name',
      render: (name: string, row) => <Link to={row.link}>{name}</Link>,
    },
    { title: t('reports.detail.columns.received'), dataIndex: 'received', width: 100, align: 'right' },
    {
      title: t('reports.detail.columns.share'),
      dataIndex: 'share',
      width: 100,
      align: 'right',
      render: percent,
    },
    { title: t('reports.detail.columns.resolved'), dataIndex: 'resolved', width: 100, align: 'right' },
  ];
  return (
    <Card title={t('reports.detail.categories')}>
      {categories.length === 0 ? (
        <Empty description={t('reports.detail.noCategories')} />
      ) : (
        <Table<ReportCategoryRow>
          rowKey="code"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={categories}
          expandable={{
            rowExpandable: (row) => row.cases.length > 0,
            defaultExpandAllRows: true,
            expandedRowRender: (row) => (
              <List
                size="small"
                header={t('reports.detail.cases')}
                dataSource={row.cases}
                renderItem={(item) => (
                  <List.Item>
                    <Link to={`/appeals/${item.appealId}`}>
                      <span className="code-text">{item.number}</span> {item.title}
                    </Link>
                    <Typography.Text type="secondary">
                      {item.enterpriseName} · {item.handling}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            ),
          }}
          data-testid="report-categories"
        />
      )}
    </Card>
  );
}

function Departments({ departments }: { departments: ReportDepartmentRow[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ReportDepartmentRow> = [
    {
      title: t('reports.detail.columns.department'),
      dataIndex: 'name',
      render: (name: string, row) => <Link to={row.link}>{name}</Link>,
    },
    { title: t('reports.detail.columns.forwards'), dataIndex: 'forwards', width: 110, align: 'right' },
    {
      title: t('reports.detail.columns.respondedOnTime'),
      dataIndex: 'respondedOnTime',
      width: 110,
      align: 'right',
    },
    {
      title: t('reports.detail.columns.responseRate'),
      dataIndex: 'responseRate',
      width: 100,
      align: 'right',
      render: percent,
    },
    { title: t('reports.detail.columns.resolved'), dataIndex: 'resolved', width: 100, align: 'right' },
    {
      title: t('reports.detail.columns.satisfactionRate'),
      dataIndex: 'satisfactionRate',
      width: 100,
      align: 'right',
      render: percent,
    },
  ];
  return (
    <Card title={t('reports.detail.departments')}>
      {departments.length === 0 ? (
        <Empty description={t('reports.detail.noDepartments')} />
      ) : (
        <Table<ReportDepartmentRow>
          rowKey="departmentId"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={departments}
          data-testid="report-departments"
        />
      )}
    </Card>
  );
}

type CommentaryValues = Record<string, string>;

/** The sections staff write; saved together with the version they were read at. */
function Commentary({ report, editable }: { report: ReportView; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CommentaryValues>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  // The stored text is the form's starting value, set as it mounts: setting it in an effect after the
  // first paint could overwrite what staff began typing the moment the sections appeared. The section
  // is keyed by the report and its version, so a new form (with the stored text) starts only then.
  const stored = Object.fromEntries(report.commentary.map((section) => [section.key, section.text]));

  const save = async (values: CommentaryValues) => {
    setSaving(true);
    setProblem(null);
    try {
      const sections = Object.fromEntries(Object.entries(values).map(([key, text]) => [key, text ?? '']));
      const saved = await saveCommentary(report.id, { version: report.version, sections });
      queryClient.setQueryData([...reportsQueryKey, 'detail', report.id], saved);
      void message.success(t('reports.detail.saved'));
    } catch (error) {
      if (isApiError(error, 'VERSION_CONFLICT')) {
        // The reload brings a new version and so a new form: the notice must outlive this one.
        void message.warning(t('reports.detail.stale'), 8);
        await queryClient.invalidateQueries({ queryKey: [...reportsQueryKey, 'detail', report.id] });
      } else {
        setProblem(errorText(error));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('reports.detail.commentary')}>
      <Typography.Paragraph type="secondary">{t('reports.detail.commentaryNote')}</Typography.Paragraph>
      <Form<CommentaryValues>
        form={form}
        initialValues={stored}
        layout="vertical"
        onFinish={(values) => void save(values)}
        disabled={!editable}
      >
        {report.commentary.map((section) => (
          <Form.Item
            key={section.key}
            name={section.key}
            label={t(`reports.commentary.${report.type}.${section.key}`, { defaultValue: section.label })}
          >
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 12 }}
              maxLength={COMMENTARY_MAX}
              showCount
              placeholder={t('reports.detail.commentaryPlaceholder')}
              data-testid={`report-commentary-${section.key}`}
            />
          </Form.Item>
        ))}
        {problem ? <Alert type="error" showIcon title={problem} className="report-alert" /> : null}
        {editable ? (
          <Button
            type="primary"
            htmlType="submit"
            icon={<SaveOutlined />}
            loading={saving}
            data-testid="report-commentary-save"
          >
            {t('reports.detail.save')}
          </Button>
        ) : null}
      </Form>
    </Card>
  );
}

function Versions({ report }: { report: ReportView }) {
  const { t } = useTranslation();
  return (
    <Card title={t('reports.detail.versions')}>
      <List
        size="small"
        dataSource={report.versions}
        renderItem={(version) => (
          <List.Item>
            <Space wrap>
              {version.id === report.id ? (
                <strong>{t('reports.revision', { n: version.revision })}</strong>
              ) : (
                <Link to={`/reports/${version.id}`}>{t('reports.revision', { n: version.revision })}</Link>
              )}
              <ReportStatusTag status={version.status} />
              <Typography.Text type="secondary">
                {t(`reports.trigger.${version.trigger}`)} ·{' '}
                {formatDateTime(version.generatedAt ?? version.createdAt)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
