// 小巷管家: a map-like table of the streets of the caller's unit, each with its main streets and alleys
// adopted of all and its coverage in colour (green all, blue most, gold half, red less); a street opens its
// segments to adopt (an enterprise as 管家), end an adoption or import the list from .xlsx (dry run first).
// Matters and 12345 hotline cases have a page of their own (StreetMattersPage).
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  List,
  Progress,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  STREET_SEGMENT_KIND_LABELS,
  type StreetCoverage,
  type StreetImportResult,
  type StreetSegmentView,
} from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { errorText } from '../../components/errors.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import {
  adoptSegment,
  endAdoption,
  importSegments,
  streetsQueryKey,
  useCoverage,
  useSegments,
} from './api.ts';

type CoverageRow = StreetCoverage['streets'][number];

/** 0.2 → "20.0%"; no segments → "—". */
export function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** The coverage colour: all adopted green, ≥ 80% blue, ≥ 50% gold, below red, nothing listed grey. */
export function coverageColour(value: number | null): string {
  if (value === null) return 'default';
  if (value >= 1) return 'green';
  if (value >= 0.8) return 'blue';
  if (value >= 0.5) return 'gold';
  return 'red';
}

export function StreetAdoptionPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const orgUnitId = params.get('orgUnitId') ?? undefined;
  const street = params.get('street') ?? undefined;
  const { data, error, isFetching } = useCoverage(orgUnitId);
  const columns: TableColumnsType<CoverageRow> = [
    {
      title: t('streets.columns.street'),
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, row) => (
        <Typography.Link
          onClick={() => setParams({ ...(orgUnitId ? { orgUnitId } : {}), street: row.orgUnitId })}
          data-testid="street-link"
        >
          {name}
        </Typography.Link>
      ),
    },
    {
      title: t('streets.columns.mainStreets'),
      render: (_, row) => `${row.mainStreetsAdopted}/${row.mainStreets}`,
      align: 'right',
    },
    {
      title: t('streets.columns.alleys'),
      render: (_, row) => `${row.alleysAdopted}/${row.alleys}`,
      align: 'right',
    },
    {
      title: t('streets.columns.coverage'),
      dataIndex: 'coverage',
      width: 220,
      render: (value: number | null, row) =>
        row.segments === 0 ? (
          <Tag>{t('streets.noSegments')}</Tag>
        ) : (
          <Space>
            <Tag color={coverageColour(value)} data-testid={`coverage-${row.orgUnitId}`}>
              {percent(value)}
            </Tag>
            <Progress
              percent={Math.round((value ?? 0) * 100)}
              size="small"
              showInfo={false}
              style={{ width: 80 }}
            />
          </Space>
        ),
    },
    { title: t('streets.columns.matters'), dataIndex: 'matters', align: 'right' },
    {
      title: t('streets.columns.hotline'),
      render: (_, row) => `${row.hotlineCases}（${row.hotlinePersonTimes}）`,
      align: 'right',
    },
  ];
  const selected = data?.streets.find((row) => row.orgUnitId === street);
  return (
    <>
      <PageHeader
        title={t('streets.title')}
        extra={<Link to="/street-adoption/matters">{t('streets.matters')}</Link>}
      >
        {t('streets.intro')}
      </PageHeader>
      {error ? <Alert type="error" showIcon message={errorText(error)} /> : null}
      {data ? (
        <Typography.Paragraph data-testid="coverage-totals">
          {data.orgUnit.name}：
          {t('streets.totals', {
            main: data.totals.mainStreets,
            mainAdopted: data.totals.mainStreetsAdopted,
            alleys: data.totals.alleys,
            alleysAdopted: data.totals.alleysAdopted,
            coverage: percent(data.totals.coverage),
          })}
        </Typography.Paragraph>
      ) : null}
      <Table<CoverageRow>
        rowKey="orgUnitId"
        loading={isFetching}
        columns={columns}
        dataSource={data?.streets}
        pagination={false}
        rowClassName={(row) => (row.orgUnitId === street ? 'ant-table-row-selected' : '')}
      />
      {street && selected ? <StreetSegments streetId={street} streetName={selected.name} /> : null}
    </>
  );
}

function StreetSegments({ streetId, streetName }: { streetId: string; streetName: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: streetsQueryKey });
  const { data, isFetching } = useSegments(streetId);
  const [adopting, setAdopting] = useState<StreetSegmentView>();
  const [ending, setEnding] = useState<StreetSegmentView>();
  const [adoptForm] = Form.useForm<{ enterpriseId: string; adoptedOn: Dayjs }>();
  const [endForm] = Form.useForm<{ endedOn: Dayjs; reason: string }>();
  const writer = can('streets.write');
  const columns: TableColumnsType<StreetSegmentView> = [
    {
      title: t('streets.columns.kind'),
      dataIndex: 'kind',
      width: 80,
      render: (kind: StreetSegmentView['kind']) => STREET_SEGMENT_KIND_LABELS[kind].zh,
    },
    { title: t('streets.columns.name'), dataIndex: 'name' },
    { title: t('streets.columns.extent'), dataIndex: 'extent', render: (v: string | null) => v ?? '—' },
    {
      title: t('streets.columns.length'),
      dataIndex: 'lengthM',
      align: 'right',
      render: (v: number | null) => v ?? '—',
    },
    {
      title: t('streets.columns.adopter'),
      render: (_, row) =>
        row.adoption ? (
          <span data-testid="segment-adopter">{row.adoption.adopterName}</span>
        ) : (
          <Tag color="red">{t('streets.unadopted')}</Tag>
        ),
    },
    { title: t('streets.columns.adoptedOn'), render: (_, row) => row.adoption?.adoptedOn ?? '—', width: 120 },
    ...(writer
      ? [
          {
            title: '',
            width: 110,
            render: (_: unknown, row: StreetSegmentView) =>
              row.adoption ? (
                <Button size="small" onClick={() => setEnding(row)}>
                  {t('streets.endAdoption')}
                </Button>
              ) : (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => setAdopting(row)}
                  data-testid={`adopt-${row.name}`}
                >
                  {t('streets.adopt')}
                </Button>
              ),
          },
        ]
      : []),
  ];
  return (
    <Card
      style={{ marginTop: 16 }}
      title={t('streets.segmentsOf', { street: streetName })}
      extra={writer ? <SegmentImport streetId={streetId} onDone={refresh} /> : null}
    >
      <Table<StreetSegmentView>
        rowKey="id"
        size="small"
        loading={isFetching}
        columns={columns}
        dataSource={data?.items}
        pagination={false}
      />
      {adopting ? (
        <FormModal
          title={t('streets.adoptTitle', { name: adopting.name })}
          form={adoptForm}
          initialValues={{ adoptedOn: dayjs() }}
          okTestId="adopt-save"
          onClose={() => setAdopting(undefined)}
          onSubmit={async (values) => {
            await adoptSegment(adopting.id, {
              enterpriseId: values.enterpriseId,
              adoptedOn: values.adoptedOn.format('YYYY-MM-DD'),
            });
            await refresh();
          }}
        >
          <Form.Item name="enterpriseId" label={t('streets.columns.adopter')} rules={[{ required: true }]}>
            <EnterprisePicker />
          </Form.Item>
          <Form.Item name="adoptedOn" label={t('streets.columns.adoptedOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </FormModal>
      ) : null}
      {ending?.adoption ? (
        <FormModal
          title={t('streets.endAdoption')}
          form={endForm}
          initialValues={{ endedOn: dayjs() }}
          onClose={() => setEnding(undefined)}
          onSubmit={async (values) => {
            await endAdoption(ending.adoption!.id, {
              endedOn: values.endedOn.format('YYYY-MM-DD'),
              reason: values.reason,
            });
            await refresh();
          }}
        >
          <Form.Item name="endedOn" label={t('streets.endedOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="reason" label={t('streets.endReason')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
        </FormModal>
      ) : null}
    </Card>
  );
}

function SegmentImport({ streetId, onDone }: { streetId: string; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File>();
  const [result, setResult] = useState<StreetImportResult>();
  const [failure, setFailure] = useState<string | null>(null);
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setFailure(null);
    try {
      setResult(await importSegments(streetId, file, dryRun));
      if (!dryRun) await onDone();
    } catch (error) {
      setFailure(errorText(error));
    }
  };
  return (
    <Space direction="vertical" align="end">
      <Space wrap>
        <a href="/api/street-segments/import-template.xlsx">{t('streets.template')}</a>
        <Upload
          accept=".xlsx"
          maxCount={1}
          beforeUpload={(chosen) => {
            setFile(chosen);
            setResult(undefined);
            return false;
          }}
          showUploadList={false}
        >
          <Button icon={<UploadOutlined />}>{file ? file.name : t('streets.import')}</Button>
        </Upload>
        <Button disabled={!file} onClick={() => void run(true)}>
          {t('streets.dryRun')}
        </Button>
        <Button type="primary" disabled={!file} onClick={() => void run(false)}>
          {t('streets.importNow')}
        </Button>
      </Space>
      {failure ? <Alert type="error" showIcon message={failure} /> : null}
      {result ? (
        <Alert
          type={result.counts.rejected > 0 ? 'warning' : 'success'}
          showIcon
          message={t('streets.importResult', result.counts)}
          description={
            result.rejected.length > 0 ? (
              <List
                size="small"
                dataSource={result.rejected}
                renderItem={(row) => <List.Item>{t('streets.rejectedRow', row)}</List.Item>}
              />
            ) : null
          }
        />
      ) : null}
    </Space>
  );
}
