// 登录 sign-in: username and password; the server's message (wrong password, locked, too many tries)
// shows above the button. After repeated failures the server asks for an image challenge (验证码, drawn by
// the server itself): the image and its field appear. Afterwards: the forced password change, or back to the
// page asked for.
import { LockOutlined, ReloadOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { LoginChallenge } from '@qinqing/shared';
import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import type { LoginState } from '../../app/auth-redirects.ts';
import { Logo } from '../../app/Logo.tsx';
import { meQueryKey, useMe } from '../../app/session.tsx';
import { isApiError } from '../../api/client.ts';
import { applyFormErrors } from '../../components/errors.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { FullPageSpin } from '../../components/Loading.tsx';
import { login, newChallenge, safeRedirect } from './api.ts';

interface LoginValues {
  username: string;
  password: string;
  challengeAnswer?: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginValues>();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [challenge, setChallenge] = useState<LoginChallenge | null>(null);
  const target = safeRedirect(searchParams.get('redirect'));
  const reason = (location.state as LoginState | null)?.reason;

  if (me.isPending) return <FullPageSpin />;
  if (me.data && !submitting)
    return <Navigate to={me.data.mustChangePassword ? '/change-password' : target} replace />;

  const onFinish = async (values: LoginValues) => {
    setSubmitting(true);
    setError(null);
    try {
      const { user } = await login(
        values.username,
        values.password,
        challenge && values.challengeAnswer
          ? { challengeId: challenge.challengeId, challengeAnswer: values.challengeAnswer.trim() }
          : undefined,
      );
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
      queryClient.setQueryData(meQueryKey, user);
      await navigate(user.mustChangePassword ? '/change-password' : target, { replace: true });
    } catch (failure) {
      setError(applyFormErrors(form, failure));
      form.setFieldValue('password', '');
      // A challenge is answered once, right or wrong: after any failure with one (or when the server asks
      // for one) a new image is drawn.
      const asked = isApiError(failure, 'CHALLENGE_REQUIRED') || isApiError(failure, 'CHALLENGE_FAILED');
      if (asked || challenge) await refreshChallenge();
      setSubmitting(false);
    }
  };

  async function refreshChallenge() {
    form.setFieldValue('challengeAnswer', '');
    try {
      setChallenge(await newChallenge());
    } catch (failure) {
      setError(applyFormErrors(form, failure));
    }
  }

  const notice =
    reason === 'expired' || reason === 'unauthenticated'
      ? t('login.expired')
      : reason === 'signed-out'
        ? t('login.signedOut')
        : null;

  return (
    <div className="login-page">
      <div className="login-topbar">
        <LanguageSwitch className="login-lang" />
      </div>
      <div className="login-main">
        <section className="login-hero">
          <div className="login-hero-brand">
            <Logo size={56} />
            <h1>{t('app.title')}</h1>
          </div>
          <p className="login-slogan">{t('app.slogan')}</p>
          <p className="login-guideline">{t('app.guideline')}</p>
        </section>
        <section className="login-card">
          <Typography.Title level={3} className="login-title">
            {t('login.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
          {notice && !error ? <Alert className="login-alert" type="info" showIcon title={notice} /> : null}
          <Form<LoginValues>
            form={form}
            layout="vertical"
            size="large"
            requiredMark={false}
            onFinish={(values) => void onFinish(values)}
            onValuesChange={() => setError(null)}
          >
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('common.required', { field: t('login.username') }),
                },
              ]}
            >
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                autoFocus
                maxLength={64}
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                maxLength={128}
                data-testid="login-password"
              />
            </Form.Item>
            {challenge ? (
              <Form.Item
                name="challengeAnswer"
                label={t('login.challenge')}
                extra={t('login.challengeHelp')}
                rules={[{ required: true, message: t('login.challengeRequired') }]}
              >
                <Flex gap={8} align="center">
                  <Input
                    autoComplete="off"
                    inputMode="numeric"
                    maxLength={16}
                    data-testid="login-challenge-answer"
                  />
                  <img
                    src={challenge.image}
                    alt={t('login.challengeImage')}
                    height={40}
                    style={{ borderRadius: 4, border: '1px solid #d9d9d9', flex: 'none' }}
                    data-testid="login-challenge-image"
                  />
                  <Button
                    icon={<ReloadOutlined />}
                    aria-label={t('login.challengeRefresh')}
                    title={t('login.challengeRefresh')}
                    onClick={() => void refreshChallenge()}
                    data-testid="login-challenge-refresh"
                  />
                </Flex>
              </Form.Item>
            ) : null}
            {error ? (
              <Alert className="login-alert" type="error" showIcon title={error} role="alert" />
            ) : null}
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
          <div className="login-note">
            <SafetyCertificateOutlined /> {t('login.securityNote')}
          </div>
        </section>
      </div>
      <footer className="login-footer">
        © {new Date().getFullYear()} {t('app.copyright')} · {t('app.shortTitle')}
      </footer>
    </div>
  );
}
