// 台账导出 exporting a ledger: the member, visit or appeal ledger of an org unit (with the units under it)
// for a period, as the .xlsx a federation prints and files. The period defaults to this quarter.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LEDGER_KINDS, LEDGER_MAX_YEARS, type LedgerKind } from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { applyFormErrors } from '../../components/errors.ts';
import { OrgUnitTreeSelect } from '../org-units/OrgUnitTreeSelect.tsx';
import { downloadLedger } from './api.ts';

interface LedgerFormValues {
  kind: LedgerKind;
  orgUnitId: string;
  period: [Dayjs, Dayjs];
}

type Period = [Dayjs, Dayjs];

function quarterOf(day: Dayjs): Period {
  const start = day.month(day.month() - (day.month() % 3)).startOf('month');
  return [start, start.add(2, 'month').endOf('month')];
}

function presets(t: TFunction): { label: string; value: Period }[] {
  const today = dayjs();
  const lastMonth = today.subtract(1, 'month');
  const lastYear = today.subtract(1, 'year');
  return [
    { label: t('ledgers.presets.thisMonth'), value: [today.startOf('month'), today.endOf('month')] },
    { label: t('ledgers.presets.lastMonth'), value: [lastMonth.startOf('month'), lastMonth.endOf('month')] },
    { label: t('ledgers.presets.thisQuarter'), value: quarterOf(today) },
    { label: t('ledgers.presets.lastQuarter'), value: quarterOf(today.subtract(3, 'month')) },
    { label: t('ledgers.presets.thisYear'), value: [today.startOf('year'), today.endOf('year')] },
    { label: t('ledgers.presets.lastYear'), value: [lastYear.startOf('year'), lastYear.endOf('year')] },
  ];
}

export function LedgersPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<LedgerFormValues>();
  const kind = Form.useWatch('kind', form) ?? 'members';
  const [downloading, setDownloading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (values: LedgerFormValues) => {
    setDownloading(true);
    setProblem(null);
    try {
      const name = await downloadLedger(values.kind, {
        orgUnitId: values.orgUnitId,
        from: values.period[0].format('YYYY-MM-DD'),
        to: values.period[1].format('YYYY-MM-DD'),
      });
      void message.success(t('ledgers.downloaded', { name }));
    } catch (error) {
      setProblem(applyFormErrors(form, error));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <div data-testid="ledgers-page">
      <PageHeader title={t('ledgers.title')}>{t('ledgers.intro')}</PageHeader>
      <Card style={{ maxWidth: 720 }}>
        <Form<LedgerFormValues>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'members', orgUnitId: user.orgUnitId, period: quarterOf(dayjs()) }}
          onFinish={(values) => void submit(values)}
          onValuesChange={() => setProblem(null)}
        >
          <Form.Item name="kind" label={t('ledgers.fields.kind')} extra={t(`ledgers.kindDesc.${kind}`)}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={LEDGER_KINDS.map((value) => ({ value, label: t(`ledgers.kind.${value}`) }))}
              data-testid="ledger-kind"
            />
          </Form.Item>
          <Form.Item
            name="orgUnitId"
            label={t('ledgers.fields.orgUnit')}
            extra={t('ledgers.orgUnitHelp')}
            rules={[{ required: true, message: t('ledgers.orgUnitRequired') }]}
          >
            <OrgUnitTreeSelect style={{ width: '100%' }} id="ledger-org-unit" />
          </Form.Item>
          <Form.Item
            name="period"
            label={t('ledgers.fields.period')}
            rules={[
              { required: true, message: t('ledgers.periodRequired') },
              {
                validator: (_, value: Period | undefined) =>
                  value && value[1].isAfter(value[0].add(LEDGER_MAX_YEARS, 'year'), 'day')
                    ? Promise.reject(new Error(t('ledgers.periodTooLong', { years: LEDGER_MAX_YEARS })))
                    : Promise.resolve(),
              },
            ]}
          >
            <DatePicker.RangePicker allowClear={false} presets={presets(t)} data-testid="ledger-period" />
          </Form.Item>
          {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
          <Typography.Paragraph type="secondary">{t('ledgers.auditNote')}</Typography.Paragraph>
          <Button
            type="primary"
            htmlType="submit"
            icon={<DownloadOutlined />}
            loading={downloading}
            data-testid="ledger-download"
          >
            {t('ledgers.download')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
