// 生成报告 asking for a report: its type, the federation unit it covers (with the units under it) and the
// period, which starts at the last one that ended and follows the type's format (2026-W47, 2026-11, 2026-Q3).
import { Form, Input, Radio } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { lastEndedPeriod, REPORT_TYPES, reportPeriodRange, type ReportType } from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { OrgUnitTreeSelect } from '../org-units/OrgUnitTreeSelect.tsx';
import { createReport } from './api.ts';

interface GenerateValues {
  type: ReportType;
  orgUnitId: string;
  period: string;
}

const today = () => dayjs().format('YYYY-MM-DD');

export function GenerateReportDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (reportId: string) => void;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [form] = Form.useForm<GenerateValues>();
  const type = Form.useWatch('type', form) ?? 'weekly';

  return (
    <FormModal<GenerateValues>
      title={t('reports.generate')}
      form={form}
      initialValues={{
        type: 'weekly',
        orgUnitId: user.orgUnitId,
        period: lastEndedPeriod('weekly', today()),
      }}
      okText={t('reports.generateOk')}
      okTestId="report-generate-submit"
      onClose={onClose}
      onSubmit={async (values) => {
        onCreated(await createReport({ ...values, period: values.period.trim() }));
      }}
    >
      <Form.Item name="type" label={t('reports.fields.type')} extra={t(`reports.typeDesc.${type}`)}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          data-testid="report-type"
          options={REPORT_TYPES.map((value) => ({ value, label: t(`reports.type.${value}`) }))}
          onChange={(event) =>
            form.setFieldValue('period', lastEndedPeriod(event.target.value as ReportType, today()))
          }
        />
      </Form.Item>
      <Form.Item
        name="orgUnitId"
        label={t('reports.fields.orgUnit')}
        extra={t('reports.orgUnitHelp')}
        rules={[
          { required: true, message: t('common.selectRequired', { field: t('reports.fields.orgUnit') }) },
        ]}
      >
        <OrgUnitTreeSelect style={{ width: '100%' }} id="report-org-unit" />
      </Form.Item>
      <Form.Item
        name="period"
        label={t('reports.fields.period')}
        extra={t(`reports.periodHelp.${type}`)}
        rules={[
          {
            validator: (_, value: string | undefined) =>
              value && reportPeriodRange(type, value.trim())
                ? Promise.resolve()
                : Promise.reject(
                    new Error(t('reports.periodInvalid', { hint: t(`reports.periodHelp.${type}`) })),
                  ),
          },
        ]}
      >
        <Input maxLength={10} style={{ width: 200 }} data-testid="report-period" />
      </Form.Item>
    </FormModal>
  );
}
