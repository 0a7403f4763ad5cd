// 导入签到名单 an event session's attendance list (an online session's 参会名单, a paper sign-in sheet typed
// up) taken in from .xlsx: choose the session, download the template, upload, read the preview (every row
// with what it does, every refused row with its reason), confirm, and see what was recorded. The server
// matches by mobile, else by name, adds the unregistered as walk-ins and records nobody twice.
import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Result,
  Row,
  Select,
  Space,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  ATTENDANCE_IMPORT_OUTCOME_LABELS,
  type AttendanceImportOutcome,
  type AttendanceImportResult,
} from '@qinqing/shared';
import { api } from '../../api/client.ts';
import { downloadFile } from '../../api/download.ts';
import { errorText } from '../../components/errors.ts';
import { formatDateTime } from '../../components/format.ts';
import { BlockSpin } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { eventsQueryKey, useEvent } from './api.ts';

/** The server refuses more than 5 MB; this keeps an obviously wrong file from being sent at all. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

const OUTCOME_COLORS: Record<AttendanceImportOutcome, string> = {
  matched: 'success',
  walk_in: 'processing',
  already: 'default',
};

type Stage = 'upload' | 'preview' | 'done';

export function AttendanceImportPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [search, setSearch] = useSearchParams();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { data: event, error } = useEvent(id);
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>('upload');
  const [result, setResult] = useState<AttendanceImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (error) return <Alert type="error" showIcon message={errorText(error)} />;
  if (!event) return <BlockSpin />;
  if (!event.manages) return <Alert type="warning" showIcon message={t('events.import.notYours')} />;

  // The session asked for, else the first online one, else the first.
  const sessionId =
    event.sessions.find((s) => s.id === search.get('session'))?.id ??
    (event.sessions.find((s) => s.onlineUrl) ?? event.sessions[0])!.id;
  const restart = () => {
    setFile(null);
    setResult(null);
    setFailure(null);
    setStage('upload');
  };
  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setFailure(null);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const answer = await api.upload<AttendanceImportResult>(
        `/event-sessions/${sessionId}/attendance-import`,
        form,
        { query: dryRun ? { dryRun: 'true' } : undefined },
      );
      setResult(answer);
      setStage(dryRun ? 'preview' : 'done');
      if (!dryRun) await client.invalidateQueries({ queryKey: eventsQueryKey });
    } catch (caught) {
      setFailure(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('events.import.title', { title: event.title })}
        extra={
          <Link to={`/events/${event.id}`}>
            <Button icon={<ArrowLeftOutlined />}>{t('events.import.back')}</Button>
          </Link>
        }
      />
      <Steps
        size="small"
        current={{ upload: 0, preview: 1, done: 2 }[stage]}
        style={{ marginBottom: 16 }}
        items={[
          { title: t('events.import.steps.upload') },
          { title: t('events.import.steps.preview') },
          { title: t('events.import.steps.done') },
        ]}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap align="center">
          <Typography.Text>{t('events.import.session')}</Typography.Text>
          <Select
            style={{ minWidth: 320 }}
            value={sessionId}
            disabled={stage !== 'upload'}
            onChange={(value: string) => setSearch({ session: value }, { replace: true })}
            data-testid="import-session"
            options={event.sessions.map((s) => ({
              value: s.id,
              label: `${t('events.session', { seq: s.seq })} · ${formatDateTime(s.startsAt)}${
                s.onlineUrl ? ` · ${t('events.import.online')}` : s.place ? ` · ${s.place}` : ''
              }`,
            }))}
          />
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              void downloadFile(
                '/event-sessions/attendance-import-template.xlsx',
                'attendance-import-template.xlsx',
              ).catch((caught: unknown) => message.error(errorText(caught)))
            }
            data-testid="import-template"
          >
            {t('events.import.template')}
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('events.import.hint')}
        </Typography.Paragraph>
      </Card>
      {failure ? (
        <Alert
          type="error"
          showIcon
          message={failure}
          style={{ marginBottom: 16 }}
          data-testid="import-failure"
        />
      ) : null}
      {stage === 'upload' ? (
        <Card size="small">
          <Upload.Dragger
            accept=".xlsx"
            maxCount={1}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done', size: file.size }] : []}
            beforeUpload={(chosen) => {
              if (chosen.size > MAX_FILE_BYTES) {
                void message.error(t('events.import.tooLarge'));
              } else {
                setFile(chosen);
                setFailure(null);
              }
              return false;
            }}
            onRemove={() => setFile(null)}
            data-testid="import-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('events.import.drop')}</p>
          </Upload.Dragger>
          <Button
            type="primary"
            disabled={!file}
            loading={busy}
            onClick={() => void send(true)}
            style={{ marginTop: 16 }}
            data-testid="import-check"
          >
            {t('events.import.check')}
          </Button>
        </Card>
      ) : null}
      {result ? <ImportOutcome result={result} /> : null}
      {stage === 'preview' ? (
        <Space style={{ marginTop: 16 }}>
          <Button
            type="primary"
            loading={busy}
            disabled={result?.recorded === 0}
            onClick={() => void send(false)}
            data-testid="import-confirm"
          >
            {t('events.import.confirm', { count: result?.recorded ?? 0 })}
          </Button>
          <Button onClick={restart}>{t('events.import.again')}</Button>
        </Space>
      ) : null}
      {stage === 'done' && result ? (
        <div data-testid="import-done">
          <Result
            status="success"
            title={t('events.import.doneTitle', { count: result.recorded })}
            extra={[
              <Link key="event" to={`/events/${event.id}`}>
                <Button type="primary">{t('events.import.back')}</Button>
              </Link>,
              <Button key="again" onClick={restart}>
                {t('events.import.another')}
              </Button>,
            ]}
          />
        </div>
      ) : null}
    </>
  );
}

function ImportOutcome({ result }: { result: AttendanceImportResult }) {
  const { t } = useTranslation();
  const counts = [
    ['recorded', result.recorded],
    ['walkIns', result.walkIns],
    ['already', result.already],
    ['rejected', result.rejected.length],
  ] as const;
  return (
    <>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16} data-testid="import-counts">
          {counts.map(([key, value]) => (
            <Col key={key} xs={12} md={6}>
              <Statistic
                title={t(`events.import.counts.${key}${result.dryRun ? 'Dry' : ''}`)}
                value={value}
                styles={{
                  content: key === 'rejected' && value > 0 ? { color: '#cf1322' } : undefined,
                }}
                data-testid={`import-count-${key}`}
              />
            </Col>
          ))}
        </Row>
      </Card>
      {result.rejected.length > 0 ? (
        <Card
          size="small"
          title={t('events.import.rejectedTitle')}
          style={{ marginBottom: 16 }}
          data-testid="import-rejected"
        >
          <Table
            rowKey="row"
            size="small"
            pagination={false}
            dataSource={result.rejected}
            columns={[
              { title: t('events.import.row'), dataIndex: 'row', width: 80 },
              {
                title: t('events.import.values'),
                dataIndex: 'values',
                render: (values: string[]) => values.filter(Boolean).join(' · ') || '—',
              },
              { title: t('events.import.field'), dataIndex: 'field', width: 120 },
              {
                title: t('events.import.reason'),
                dataIndex: 'reason',
                render: (reason: string) => <Typography.Text type="danger">{reason}</Typography.Text>,
              },
            ]}
          />
        </Card>
      ) : null}
      <Card size="small" title={t('events.import.rowsTitle')} data-testid="import-rows">
        <Table
          rowKey="row"
          size="small"
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          dataSource={result.rows}
          columns={[
            { title: t('events.import.row'), dataIndex: 'row', width: 80 },
            { title: t('events.personName'), dataIndex: 'personName' },
            {
              title: t('events.mobile'),
              dataIndex: 'mobile',
              render: (mobile: string | null) => mobile ?? '—',
            },
            {
              title: t('events.import.outcome'),
              dataIndex: 'outcome',
              render: (outcome: AttendanceImportOutcome, row) => (
                <Tag color={OUTCOME_COLORS[outcome]} data-testid={`import-row-${row.personName}`}>
                  {ATTENDANCE_IMPORT_OUTCOME_LABELS[outcome]}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
