// 修改密码 change password: current, new and confirmation. In forced mode (initial or reset password)
// it explains why and is the only page the user can reach.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { meQueryKey, useSession } from '../../app/session.tsx';
import { applyFormErrors } from '../../components/errors.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { changePassword } from './api.ts';

interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [form] = Form.useForm<ChangePasswordValues>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const forced = user.mustChangePassword;

  const onFinish = async (values: ChangePasswordValues) => {
    setSubmitting(true);
    setError(null);
    try {
      await changePassword(values.currentPassword, values.newPassword);
      void message.success(t('changePassword.success'));
      await queryClient.refetchQueries({ queryKey: meQueryKey });
      await navigate('/', { replace: true });
    } catch (failure) {
      setError(applyFormErrors(form, failure));
      setSubmitting(false);
    }
  };

  return (
    <div className={forced ? 'forced-password' : undefined}>
      <PageHeader title={forced ? t('changePassword.forcedTitle') : t('changePassword.title')} />
      <Card className="narrow-card">
        {forced ? (
          <Alert className="form-alert" type="warning" showIcon title={t('changePassword.forcedExplain')} />
        ) : null}
        <Form<ChangePasswordValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => void onFinish(values)}
          onValuesChange={() => setError(null)}
        >
          <Form.Item
            name="currentPassword"
            label={t('changePassword.current')}
            rules={[
              { required: true, message: t('common.required', { field: t('changePassword.current') }) },
            ]}
          >
            <Input.Password autoComplete="current-password" maxLength={128} data-testid="cp-current" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('changePassword.new')}
            dependencies={['currentPassword']}
            rules={[
              { required: true, message: t('common.required', { field: t('changePassword.new') }) },
              ({ getFieldValue }) => ({
                validator: (_rule, value: string | undefined) =>
                  value && value === getFieldValue('currentPassword')
                    ? Promise.reject(new Error(t('changePassword.sameAsCurrent')))
                    : Promise.resolve(),
              }),
            ]}
            extra={t('changePassword.policyHint')}
          >
            <Input.Password autoComplete="new-password" maxLength={128} data-testid="cp-new" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label={t('changePassword.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('common.required', { field: t('changePassword.confirm') }) },
              ({ getFieldValue }) => ({
                validator: (_rule, value: string | undefined) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('changePassword.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} data-testid="cp-confirm" />
          </Form.Item>
          {error ? <Alert className="form-alert" type="error" showIcon title={error} role="alert" /> : null}
          <Button type="primary" htmlType="submit" loading={submitting} data-testid="cp-submit">
            {t('changePassword.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
