// 小巷管家办理事项: the matters handled on the streets of the caller's unit, and the 12345 hotline cases
// assisted with the people who helped (人次), filtered by hotline and period (kept in the URL); staff record
// a matter on a segment of a street.
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  STREET_MATTER_KIND_LABELS,
  STREET_MATTER_KINDS,
  STREET_SEGMENT_KIND_LABELS,
  type StreetMatterKind,
  type StreetMatterView,
} from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { LocalPagedTable } from '../../components/PagedTable.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { createMatter, streetsQueryKey, useCoverage, useMatters, useSegments } from './api.ts';

interface MatterForm {
  street?: string;
  segmentId: string;
  handledOn: Dayjs;
  kind: StreetMatterKind;
  description: string;
  hotlineCaseNumber?: string;
  helperNames?: string;
}

export function StreetMattersPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const hotline = params.get('hotline') === 'true' ? true : undefined;
  const orgUnitId = params.get('orgUnitId') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const [page, setPage] = useState(1);
  const matters = useMatters({ orgUnitId, hotline, from, to, page });
  const { data } = matters;
  const [creating, setCreating] = useState(false);
  const columns: TableColumnsType<StreetMatterView> = [
    { title: t('streets.columns.handledOn'), dataIndex: 'handledOn', width: 120, fixed: 'left' },
    { title: t('streets.columns.street'), dataIndex: 'streetName' },
    {
      title: t('streets.columns.segment'),
      render: (_, row) => `${row.segmentName}（${STREET_SEGMENT_KIND_LABELS[row.segmentKind].zh}）`,
    },
    {
      title: t('streets.columns.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (kind: StreetMatterKind) => STREET_MATTER_KIND_LABELS[kind].zh,
    },
    { title: t('streets.columns.description'), dataIndex: 'description' },
    {
      title: t('streets.columns.caseNumber'),
      dataIndex: 'hotlineCaseNumber',
      render: (v: string | null) => (v ? <Tag color="purple">{v}</Tag> : '—'),
    },
    {
      title: t('streets.columns.helpers'),
      dataIndex: 'helpers',
      render: (helpers: StreetMatterView['helpers']) => helpers.map((h) => h.name).join('、') || '—',
    },
  ];
  const setFilter = (next: Record<string, string | undefined>) => {
    const merged = { ...Object.fromEntries(params), ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v)) as Record<string, string>);
    setPage(1);
  };
  return (
    <>
      <PageHeader title={t('streets.matters')} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Checkbox
          checked={hotline === true}
          onChange={(e) => setFilter({ hotline: e.target.checked ? 'true' : undefined })}
        >
          {t('streets.hotlineOnly')}
        </Checkbox>
        <DatePicker.RangePicker
          value={from && to ? [dayjs(from), dayjs(to)] : null}
          onChange={(range) =>
            setFilter({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
          }
        />
        {can('streets.write') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('streets.recordMatter')}
          </Button>
        ) : null}
      </Space>
      {data ? (
        <Typography.Paragraph data-testid="hotline-totals">
          {t('streets.hotlineTotals', { cases: data.hotlineCases, personTimes: data.hotlinePersonTimes })}
        </Typography.Paragraph>
      ) : null}
      <LocalPagedTable<StreetMatterView>
        result={matters}
        page={page}
        onPage={setPage}
        columns={columns}
        scroll={{ x: 1100 }}
        testId="street-matters-table"
      />
      {creating ? <MatterModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}

function MatterModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<MatterForm>();
  const client = useQueryClient();
  const coverage = useCoverage();
  const street = Form.useWatch('street', form);
  const segments = useSegments(street);
  return (
    <FormModal<MatterForm>
      title={t('streets.recordMatter')}
      form={form}
      initialValues={{ handledOn: dayjs(), kind: 'sanitation' }}
      onClose={onClose}
      onSubmit={async (values) => {
        const helpers = (values.helperNames ?? '')
          .split('\n')
          .map((name) => name.trim())
          .filter(Boolean)
          .map((name) => ({ name }));
        await createMatter({
          segmentId: values.segmentId,
          handledOn: values.handledOn.format('YYYY-MM-DD'),
          kind: values.kind,
          description: values.description,
          hotlineCaseNumber: values.hotlineCaseNumber?.trim() || null,
          helpers,
        });
        await client.invalidateQueries({ queryKey: streetsQueryKey });
      }}
    >
      <Form.Item name="street" label={t('streets.columns.street')} rules={[{ required: true }]}>
        <Select
          options={(coverage.data?.streets ?? []).map((s) => ({ value: s.orgUnitId, label: s.name }))}
        />
      </Form.Item>
      <Form.Item name="segmentId" label={t('streets.columns.segment')} rules={[{ required: true }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={(segments.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
      </Form.Item>
      <Form.Item name="handledOn" label={t('streets.columns.handledOn')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="kind" label={t('streets.columns.kind')} rules={[{ required: true }]}>
        <Select
          options={STREET_MATTER_KINDS.map((kind) => ({
            value: kind,
            label: STREET_MATTER_KIND_LABELS[kind].zh,
          }))}
        />
      </Form.Item>
      <Form.Item name="description" label={t('streets.columns.description')} rules={[{ required: true }]}>
        <Input.TextArea maxLength={1000} rows={3} />
      </Form.Item>
      <Form.Item name="hotlineCaseNumber" label={t('streets.columns.caseNumber')}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="helperNames" label={t('streets.helperNames')}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModal>
  );
}
