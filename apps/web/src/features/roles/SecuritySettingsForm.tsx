// 安全设置 security settings: password policy, lockout and session limits (bounds as in the shared schema).
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Divider, Form, InputNumber, Row, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecuritySettings } from '@qinqing/shared';
import { isApiError } from '../../api/client.ts';
import { applyFormErrors } from '../../components/errors.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { BlockSpin } from '../../components/Loading.tsx';
import {
  saveSecuritySettings,
  securitySettingsQueryKey,
  useSecuritySettings,
  type VersionedSettings,
} from './api.ts';

type NumberSetting = Exclude<keyof SecuritySettings, 'passwordRequireComplexity'>;
type Unit = 'chars' | 'days' | 'times' | 'minutes' | 'hours';

const LIMITS: Record<NumberSetting, { min: number; max: number; unit: Unit }> = {
  passwordMinLength: { min: 8, max: 64, unit: 'chars' },
  passwordMaxAgeDays: { min: 0, max: 3650, unit: 'days' },
  adminPasswordMaxAgeDays: { min: 0, max: 3650, unit: 'days' },
  lockoutThreshold: { min: 1, max: 100, unit: 'times' },
  lockoutMinutes: { min: 1, max: 1440, unit: 'minutes' },
  loginChallengeThreshold: { min: 0, max: 100, unit: 'times' },
  sessionIdleMinutes: { min: 1, max: 1440, unit: 'minutes' },
  sessionAbsoluteHours: { min: 1, max: 168, unit: 'hours' },
};

interface SettingsValues {
  settings: SecuritySettings;
}

function NumberField({ name, help }: { name: NumberSetting; help?: string }) {
  const { t } = useTranslation();
  const { min, max, unit } = LIMITS[name];
  return (
    <Form.Item
      name={['settings', name]}
      label={t(`security.${name}`)}
      extra={help}
      rules={[{ required: true, message: t('common.required', { field: t(`security.${name}`) }) }]}
    >
      <InputNumber<number>
        min={min}
        max={max}
        precision={0}
        className="number-input"
        suffix={<span className="muted">{t(`security.unit.${unit}`)}</span>}
      />
    </Form.Item>
  );
}

function SettingsForm({ current }: { current: VersionedSettings }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SettingsValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const onFinish = async (values: SettingsValues) => {
    setSaving(true);
    setError(null);
    try {
      const saved = await saveSecuritySettings({ settings: values.settings, version: current.version });
      queryClient.setQueryData(securitySettingsQueryKey, saved);
      form.setFieldsValue({ settings: saved.settings });
      void message.success(t('security.saved'));
    } catch (failure) {
      setError(applyFormErrors(form, failure));
      // Someone else saved first: show what they saved, so the next save starts from it.
      if (isApiError(failure, 'VERSION_CONFLICT')) {
        await queryClient.invalidateQueries({ queryKey: securitySettingsQueryKey });
        const fresh = queryClient.getQueryData<VersionedSettings>(securitySettingsQueryKey);
        if (fresh) form.setFieldsValue({ settings: fresh.settings });
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<SettingsValues>
      form={form}
      layout="vertical"
      initialValues={{ settings: current.settings }}
      onFinish={(values) => void onFinish(values)}
      onValuesChange={() => setError(null)}
      className="settings-form"
    >
      <Typography.Paragraph type="secondary">{t('security.intro')}</Typography.Paragraph>
      <Divider titlePlacement="start">{t('security.groups.password')}</Divider>
      <Row gutter={24}>
        <Col xs={24} md={8}>
          <NumberField name="passwordMinLength" />
        </Col>
        <Col xs={24} md={8}>
          <NumberField name="passwordMaxAgeDays" help={t('security.passwordMaxAgeDaysHelp')} />
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={['settings', 'passwordRequireComplexity']}
            label={t('security.passwordRequireComplexity')}
            valuePropName="checked"
            extra={t('security.passwordRequireComplexityHelp')}
          >
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <NumberField name="adminPasswordMaxAgeDays" help={t('security.adminPasswordMaxAgeDaysHelp')} />
        </Col>
      </Row>
      <Divider titlePlacement="start">{t('security.groups.lockout')}</Divider>
      <Row gutter={24}>
        <Col xs={24} md={8}>
          <NumberField name="lockoutThreshold" />
        </Col>
        <Col xs={24} md={8}>
          <NumberField name="lockoutMinutes" />
        </Col>
        <Col xs={24} md={8}>
          <NumberField name="loginChallengeThreshold" help={t('security.loginChallengeThresholdHelp')} />
        </Col>
      </Row>
      <Divider titlePlacement="start">{t('security.groups.session')}</Divider>
      <Row gutter={24}>
        <Col xs={24} md={8}>
          <NumberField name="sessionIdleMinutes" />
        </Col>
        <Col xs={24} md={8}>
          <NumberField name="sessionAbsoluteHours" />
        </Col>
      </Row>
      {error ? <Alert className="form-alert" type="error" showIcon title={error} role="alert" /> : null}
      <Button type="primary" htmlType="submit" loading={saving} data-testid="security-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}

export function SecuritySettingsForm() {
  const { data, error, isPending, refetch } = useSecuritySettings();
  if (isPending) return <BlockSpin />;
  if (error) return <LoadError error={error} onRetry={() => void refetch()} />;
  return <SettingsForm current={data} />;
}
