// The membership status (会籍状态) inside a form: changing to 暂停 or 退会 asks for the reason and the date.
import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { MEMBERSHIP_STATUSES, type MembershipStatus } from '@qinqing/shared';

/** Suspending or ending a membership must say why (the server refuses it otherwise). */
export function needsReason(status: MembershipStatus | undefined): boolean {
  return status === 'suspended' || status === 'withdrawn';
}

export function MembershipStatusFields({
  current,
  excludeCurrent = false,
}: {
  /** The stored status; absent for a new enterprise. */
  current?: MembershipStatus;
  /** Offer only other statuses (the status-change dialog). */
  excludeCurrent?: boolean;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const status = Form.useWatch(['membership', 'status'], form) as MembershipStatus | undefined;
  const changed = status !== undefined && status !== current;
  const asksReason = changed && needsReason(status);
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item
          name={['membership', 'status']}
          label={t('enterprises.fields.membershipStatus')}
          rules={[
            {
              required: true,
              message: t('common.selectRequired', { field: t('enterprises.fields.membershipStatus') }),
            },
          ]}
        >
          <Select
            data-testid="membership-status-select"
            options={MEMBERSHIP_STATUSES.filter((value) => !excludeCurrent || value !== current).map(
              (value) => ({
                value,
                label: t(`registry.membershipStatus.${value}`),
              }),
            )}
          />
        </Form.Item>
      </Col>
      {changed && current !== undefined ? (
        <Col xs={24} md={8}>
          <Form.Item name={['membership', 'statusOn']} label={t('enterprises.fields.statusOn')}>
            <DatePicker className="number-input" disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Col>
      ) : null}
      {asksReason ? (
        <Col xs={24}>
          <Form.Item
            name={['membership', 'statusReason']}
            label={t('enterprises.fields.statusReason')}
            extra={t('enterprises.membership.reasonHelp')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('enterprises.membership.reasonRequired', {
                  status: t(`registry.membershipStatus.${status}`),
                }),
              },
            ]}
          >
            <Input.TextArea
              maxLength={200}
              showCount
              autoSize={{ minRows: 2, maxRows: 4 }}
              data-testid="status-reason"
            />
          </Form.Item>
        </Col>
      ) : null}
    </Row>
  );
}
