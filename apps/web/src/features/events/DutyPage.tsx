// 商会月度活动 the chambers of the caller's scope, month by month: how many activities each held, past months
// without one flagged (每月至少开展一次活动), and each chamber's member participation in the year's events.
import { InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DUTY_MONTH_STATE_LABELS, type ActivityDutyOverview } from '@qinqing/shared';
import { PageHeader } from '../../components/PageHeader.tsx';
import { percent } from '../dashboard/charts.ts';
import { useDuty } from './api.ts';
import { DUTY_COLORS } from './ChamberDuty.tsx';

type Item = ActivityDutyOverview['items'][number];

export function DutyPage() {
  const { t } = useTranslation();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const { data, isFetching } = useDuty(year);
  return (
    <>
      <PageHeader title={t('events.duty.title')} />
      <Space style={{ marginBottom: 12 }}>
        {t('events.duty.year')}
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
      </Space>
      <Typography.Paragraph type="secondary">{t('events.duty.note')}</Typography.Paragraph>
      <Table<Item>
        rowKey={(row) => row.chamber.id}
        size="small"
        loading={isFetching}
        pagination={false}
        dataSource={data?.items ?? []}
        data-testid="duty-table"
        scroll={{ x: 1100 }}
        columns={[
          {
            title: t('events.duty.chamber'),
            render: (_: unknown, row) => row.chamber.name,
            fixed: 'left',
            width: 180,
          },
          ...Array.from({ length: 12 }, (_, i) => ({
            title: `${i + 1}月`,
            align: 'center' as const,
            width: 64,
            render: (_: unknown, row: Item) => {
              const month = row.months[i]!;
              return (
                <Tag
                  color={DUTY_COLORS[month.state]}
                  title={DUTY_MONTH_STATE_LABELS[month.state]}
                  data-testid={`duty-${row.chamber.name}-${i + 1}`}
                  data-state={month.state}
                >
                  {month.state === 'missed' ? '✕' : month.events || '·'}
                </Tag>
              );
            },
          })),
          {
            title: t('events.duty.participationColumn'),
            align: 'right' as const,
            width: 130,
            render: (_: unknown, row) =>
              `${row.participation.reached}/${row.participation.members}（${percent(row.participation.rate)}）`,
          },
          {
            title: t('events.duty.missed'),
            render: (_: unknown, row) =>
              row.missedMonths.length
                ? row.missedMonths.map((m) => `${m}月`).join('、')
                : t('events.duty.none'),
          },
        ]}
      />
    </>
  );
}
