// 批量导入 the import wizard: choose what to import (member enterprises, people, chamber memberships, party
// organizations — those the user may), download its template, upload a workbook (.xlsx), read the dry run
// (counts, the first rows with their verdicts, every rejected row with its reasons), confirm, follow the
// background job to its end, download the report of rejected rows.
import { ArrowLeftOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Progress,
  Result,
  Row,
  Segmented,
  Space,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import type { ImportCounts, ImportPreviewRow, ImportVerdict, JobView } from '@qinqing/shared';
import { errorText } from '../../components/errors.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import {
  IMPORT_KIND_ROUTES,
  IMPORT_KINDS,
  isFinished,
  isImportKind,
  startImport,
  templateUrl,
  useJob,
  type ImportKind,
} from './api.ts';
import '../enterprises/registry.css';

/** The server's limit is its own; this keeps an obviously wrong file from being sent at all. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

const VERDICT_COLORS: Record<ImportVerdict, string> = {
  create: 'success',
  update: 'processing',
  unchanged: 'default',
  reject: 'error',
};

type Stage = 'upload' | 'checking' | 'preview' | 'importing' | 'done';

function stepOf(stage: Stage): number {
  return { upload: 0, checking: 1, preview: 1, importing: 2, done: 3 }[stage];
}

function CountsRow({ counts, testId }: { counts: ImportCounts; testId: string }) {
  const { t } = useTranslation();
  const keys = ['total', 'created', 'updated', 'unchanged', 'rejected'] as const;
  return (
    <Row gutter={16} data-testid={testId} className="import-counts">
      {keys.map((key) => (
        <Col key={key} xs={12} sm={8} md={4}>
          <Statistic
            title={t(`imports.counts.${key}`)}
            value={counts[key]}
            styles={{
              content: key === 'rejected' && counts.rejected > 0 ? { color: '#cf1322' } : undefined,
            }}
            data-testid={`import-count-${key}`}
          />
        </Col>
      ))}
    </Row>
  );
}

function ReportLink({ job }: { job: JobView }) {
  const { t } = useTranslation();
  if (!job.reportUrl) return null;
  return (
    <Button icon={<DownloadOutlined />} href={job.reportUrl} data-testid="import-report-link">
      {t('imports.report')}
    </Button>
  );
}

function PreviewTable({
  kind,
  rows,
  testId,
}: {
  kind: ImportKind;
  rows: ImportPreviewRow[];
  testId: string;
}) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ImportPreviewRow> = [
    { title: t('imports.preview.row'), dataIndex: 'row', width: 80 },
    {
      title: t(`imports.kinds.${kind}.nameColumn`),
      dataIndex: 'name',
      render: (value: string | null) => value || '—',
    },
    {
      title: t(`imports.kinds.${kind}.usccColumn`),
      dataIndex: 'uscc',
      width: 200,
      render: (value: string | null) => <span className="code-text">{value || '—'}</span>,
    },
    {
      title: t('imports.preview.verdict'),
      dataIndex: 'verdict',
      width: 110,
      render: (verdict: ImportVerdict) => (
        <Tag color={VERDICT_COLORS[verdict]}>{t(`imports.verdict.${verdict}`)}</Tag>
      ),
    },
    {
      title: t('imports.preview.problems'),
      dataIndex: 'problems',
      render: (problems: ImportPreviewRow['problems'], row) =>
        row.verdict === 'update' && row.changes.length > 0 ? (
          <span className="muted">{t('imports.preview.changes', { columns: row.changes.join('、') })}</span>
        ) : problems.length > 0 ? (
          <ul className="problem-list">
            {problems.map((problem, index) => (
              <li key={index}>{problem.field ? `${problem.field}：${problem.message}` : problem.message}</li>
            ))}
          </ul>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Table<ImportPreviewRow>
      rowKey="row"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 800, y: 420 }}
      data-testid={testId}
    />
  );
}

export function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const kinds = IMPORT_KINDS.filter((k) => can(IMPORT_KIND_ROUTES[k].permission));
  const asked = search.get('kind');
  const kind: ImportKind = isImportKind(asked) && kinds.includes(asked) ? asked : (kinds[0] ?? 'enterprises');
  const [file, setFile] = useState<File | null>(null);
  const [dryRunId, setDryRunId] = useState<string | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const dryRun = useJob(dryRunId);
  const run = useJob(importId);
  // Where the wizard stands follows from the jobs started and whether they have finished.
  const stage: Stage = importId
    ? isFinished(run.data)
      ? 'done'
      : 'importing'
    : dryRunId
      ? isFinished(dryRun.data)
        ? 'preview'
        : 'checking'
      : 'upload';
  const imported = stage === 'done';

  useEffect(() => {
    // An import may change any registry list (enterprises, people, a chamber's members, party organizations).
    if (imported) void queryClient.invalidateQueries();
  }, [imported, queryClient]);

  const begin = async (asDryRun: boolean) => {
    if (!file) return;
    setStarting(true);
    try {
      const jobId = await startImport(kind, file, asDryRun);
      if (asDryRun) setDryRunId(jobId);
      else setImportId(jobId);
    } catch (failure) {
      void message.error(errorText(failure));
    } finally {
      setStarting(false);
    }
  };

  const restart = () => {
    setFile(null);
    setDryRunId(null);
    setImportId(null);
  };

  const jobError = dryRun.error ?? run.error;
  const backLink = (
    <Link to={IMPORT_KIND_ROUTES[kind].list}>
      <Button icon={<ArrowLeftOutlined />}>{t('imports.backToList')}</Button>
    </Link>
  );

  return (
    <>
      <PageHeader title={t(`imports.kinds.${kind}.title`)} extra={<Space>{backLink}</Space>}>
        {t(`imports.kinds.${kind}.intro`)}
      </PageHeader>
      <Card className="import-card">
        <Steps
          className="import-steps"
          current={stepOf(stage)}
          status={stage === 'done' && run.data?.status === 'succeeded' ? 'finish' : undefined}
          items={[
            { title: t('imports.steps.upload') },
            { title: t('imports.steps.check') },
            { title: t('imports.steps.import') },
            { title: t('imports.steps.done') },
          ]}
        />
        {jobError ? <Alert className="form-alert" type="error" showIcon title={errorText(jobError)} /> : null}

        {stage === 'upload' ? (
          <Space orientation="vertical" size={16} className="full-width">
            {kinds.length > 1 ? (
              <Segmented<ImportKind>
                value={kind}
                options={kinds.map((k) => ({ value: k, label: t(`imports.kinds.${k}.label`) }))}
                onChange={(next) => {
                  setFile(null);
                  setSearch({ kind: next }, { replace: true });
                }}
                data-testid="import-kind"
              />
            ) : null}
            <Alert
              type="info"
              showIcon
              title={t('imports.templateHint')}
              action={
                <Button icon={<FileExcelOutlined />} href={templateUrl(kind)} data-testid="template-download">
                  {t('imports.template')}
                </Button>
              }
            />
            <div data-testid="import-upload">
              <Upload.Dragger
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                multiple={false}
                maxCount={1}
                fileList={
                  file ? [{ uid: 'workbook', name: file.name, size: file.size, status: 'done' as const }] : []
                }
                beforeUpload={(picked) => {
                  if (!picked.name.toLowerCase().endsWith('.xlsx')) {
                    void message.error(t('imports.onlyXlsx'));
                  } else if (picked.size > MAX_FILE_BYTES) {
                    void message.error(t('imports.tooLarge'));
                  } else {
                    setFile(picked);
                  }
                  // Nothing is uploaded yet: the file goes with the dry run.
                  return Upload.LIST_IGNORE;
                }}
                onRemove={() => setFile(null)}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t('imports.drop')}</p>
                <p className="ant-upload-hint">{t('imports.dropHint')}</p>
              </Upload.Dragger>
            </div>
            <div className="wizard-actions">
              <Button
                type="primary"
                disabled={!file}
                loading={starting}
                onClick={() => void begin(true)}
                data-testid="import-dryrun"
              >
                {t('imports.check')}
              </Button>
            </div>
          </Space>
        ) : null}

        {stage === 'checking' ? (
          <div className="wizard-waiting">
            <Progress
              type="circle"
              percent={Math.round((dryRun.data?.progress ?? 0) * 100)}
              data-testid="import-check-progress"
            />
            <Typography.Paragraph type="secondary">{t('imports.checking')}</Typography.Paragraph>
          </div>
        ) : null}

        {stage === 'preview' && dryRun.data ? (
          dryRun.data.status === 'failed' ? (
            <Result
              status="error"
              title={t('imports.checkFailed')}
              subTitle={dryRun.data.error?.message}
              extra={<Button onClick={restart}>{t('imports.again')}</Button>}
            />
          ) : (
            <Space orientation="vertical" size={16} className="full-width">
              <Alert
                type={dryRun.data.counts.rejected > 0 ? 'warning' : 'success'}
                showIcon
                title={t('imports.dryRunDone', { file: file?.name ?? '' })}
                description={
                  dryRun.data.counts.rejected > 0 ? t('imports.rejectedHint') : t('imports.allGood')
                }
                action={<ReportLink job={dryRun.data} />}
              />
              {dryRun.data.ignoredColumns.length > 0 ? (
                <Alert
                  type="warning"
                  showIcon
                  title={t('imports.ignoredColumns', { columns: dryRun.data.ignoredColumns.join('、') })}
                />
              ) : null}
              <CountsRow counts={dryRun.data.counts} testId="import-dryrun-summary" />
              {dryRun.data.preview.length > 0 ? (
                <>
                  <div className="section-heading">
                    {t('imports.preview.title', { count: dryRun.data.preview.length })}
                  </div>
                  <PreviewTable kind={kind} rows={dryRun.data.preview} testId="import-preview" />
                </>
              ) : null}
              {dryRun.data.rejectedRows.length > 0 ? (
                <>
                  <div className="section-heading">
                    {t('imports.rejectedRows', { count: dryRun.data.counts.rejected })}
                  </div>
                  <PreviewTable kind={kind} rows={dryRun.data.rejectedRows} testId="import-rejected" />
                </>
              ) : null}
              <div className="wizard-actions">
                <Button onClick={restart}>{t('imports.reselect')}</Button>
                <Button
                  type="primary"
                  loading={starting}
                  disabled={dryRun.data.counts.created + dryRun.data.counts.updated === 0}
                  onClick={() => void begin(false)}
                  data-testid="import-confirm"
                >
                  {t('imports.confirm')}
                </Button>
              </div>
            </Space>
          )
        ) : null}

        {stage === 'importing' ? (
          <div className="wizard-waiting">
            <Progress
              percent={Math.round((run.data?.progress ?? 0) * 100)}
              status="active"
              data-testid="import-progress"
            />
            <Typography.Paragraph type="secondary">{t('imports.importing')}</Typography.Paragraph>
          </div>
        ) : null}

        {stage === 'done' && run.data ? (
          <Result
            status={run.data.status === 'failed' ? 'error' : 'success'}
            title={run.data.status === 'failed' ? t('imports.failed') : t('imports.done')}
            subTitle={run.data.status === 'failed' ? run.data.error?.message : undefined}
            data-testid="import-result"
            extra={
              <Space wrap>
                <ReportLink job={run.data} />
                <Link to={IMPORT_KIND_ROUTES[kind].list}>
                  <Button type="primary">{t('imports.backToList')}</Button>
                </Link>
                <Button onClick={restart}>{t('imports.again')}</Button>
              </Space>
            }
          >
            <CountsRow counts={run.data.counts} testId="import-final-counts" />
          </Result>
        ) : null}
      </Card>
    </>
  );
}
