// 登录 sign in on the phone: username or mobile and password (the server decides which it is), and the
// image challenge the server asks for after repeated failures; or, where the platform has an SMS gateway, the
// mobile number and a code sent to it.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { CurrentUser, LoginChallenge } from '@qinqing/shared';
import { phoneApi, PhoneApiError } from '../api.ts';
import { errorText } from '../hooks.ts';
import { navigate, safePhonePath } from '../router.ts';
import { useLang } from '../texts.ts';
import { TextField } from './parts.tsx';

export function LoginPage({
  redirect,
  onSignedIn,
}: {
  redirect: string | null;
  onSignedIn: (user: CurrentUser) => void;
}) {
  const { t } = useLang();
  const [smsOffered, setSmsOffered] = useState(false);
  const [mode, setMode] = useState<'password' | 'sms'>('password');
  useEffect(() => {
    phoneApi.loginOptions().then(
      (options) => setSmsOffered(options.smsLogin),
      () => setSmsOffered(false),
    );
  }, []);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<LoginChallenge | null>(null);
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function refreshChallenge() {
    setAnswer('');
    try {
      setChallenge(await phoneApi.challenge());
    } catch (failure) {
      setError(errorText(failure, t));
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim()) return setError(t('required', { what: t('username') }));
    if (!password) return setError(t('required', { what: t('password') }));
    setBusy(true);
    setError(null);
    try {
      const { user } = await phoneApi.login({
        username: username.trim(),
        password,
        ...(challenge && answer
          ? { challengeId: challenge.challengeId, challengeAnswer: answer.trim() }
          : {}),
      });
      navigate(safePhonePath(redirect), { replace: true });
      onSignedIn(user);
    } catch (failure) {
      setError(errorText(failure, t));
      const asked =
        failure instanceof PhoneApiError &&
        (failure.code === 'CHALLENGE_REQUIRED' || failure.code === 'CHALLENGE_FAILED');
      if (asked || challenge) await refreshChallenge();
    } finally {
      setBusy(false);
    }
  }

  if (mode === 'sms') {
    return <SmsLogin redirect={redirect} onSignedIn={onSignedIn} onPassword={() => setMode('password')} />;
  }

  return (
    <LoginShell
      footer={
        <>
          {smsOffered && (
            <button
              type="button"
              className="m-link"
              onClick={() => setMode('sms')}
              data-testid="phone-sms-mode"
            >
              {t('smsLogin')}
            </button>
          )}
          <p className="m-muted m-small">{t('noAccount')}</p>
        </>
      }
    >
      <form className="m-card m-form" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label={t('username')}
          name="username"
          autoComplete="username"
          inputMode="text"
          value={username}
          onChange={setUsername}
          data-testid="phone-login-username"
        />
        <TextField
          label={t('password')}
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          data-testid="phone-login-password"
        />
        {challenge && (
          <label className="m-field">
            <span>{t('challenge')}</span>
            <div className="m-challenge">
              <input
                className="m-input"
                inputMode="numeric"
                autoComplete="off"
                value={answer}
                onChange={(event) => setAnswer(event.target.value)}
                data-testid="phone-login-challenge"
              />
              <button type="button" className="m-challenge-image" onClick={() => void refreshChallenge()}>
                <img src={challenge.image} alt={t('challengeHelp')} />
              </button>
            </div>
            <small className="m-muted">{t('challengeHelp')}</small>
          </label>
        )}
        {error && (
          <p className="m-error" role="alert" data-testid="phone-login-error">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="m-button m-button-primary"
          disabled={busy}
          data-testid="phone-login-submit"
        >
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </LoginShell>
  );
}

/** The sign-in pages' frame: the platform's name and lead, the form, other ways in and the language. */
function LoginShell({ children, footer }: { children: ReactNode; footer: ReactNode }) {
  const { t, lang, setLang } = useLang();
  return (
    <div className="m-page m-login">
      <header className="m-login-head">
        <div className="m-logo" aria-hidden="true">
          亲清
        </div>
        <h1>{t('loginTitle')}</h1>
        <p className="m-muted">{t('loginLead')}</p>
      </header>
      {children}
      {footer}
      <button type="button" className="m-link" onClick={() => setLang(lang === 'en' ? 'zh' : 'en')}>
        {t('language')}
      </button>
    </div>
  );
}

/** 短信验证码登录: the mobile, a code sent to it (again after a minute), and the sign-in with it. */
function SmsLogin({
  redirect,
  onSignedIn,
  onPassword,
}: {
  redirect: string | null;
  onSignedIn: (user: CurrentUser) => void;
  onPassword: () => void;
}) {
  const { t } = useLang();
  const [mobile, setMobile] = useState('');
  const [code, setCode] = useState('');
  const [wait, setWait] = useState(0);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  async function send() {
    if (!/^1\d{10}$/.test(mobile.trim())) return setError(t('required', { what: t('mobile') }));
    setError(null);
    try {
      await phoneApi.sendSmsCode(mobile.trim());
      setSentTo(mobile.trim());
      setWait(60);
    } catch (failure) {
      setError(errorText(failure, t));
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!mobile.trim()) return setError(t('required', { what: t('mobile') }));
    if (!code.trim()) return setError(t('required', { what: t('smsCode') }));
    setBusy(true);
    setError(null);
    try {
      const { user } = await phoneApi.smsLogin({ mobile: mobile.trim(), code: code.trim() });
      navigate(safePhonePath(redirect), { replace: true });
      onSignedIn(user);
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <LoginShell
      footer={
        <button type="button" className="m-link" onClick={onPassword}>
          {t('passwordLogin')}
        </button>
      }
    >
      <form className="m-card m-form" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label={t('mobile')}
          name="mobile"
          autoComplete="tel"
          inputMode="numeric"
          maxLength={11}
          value={mobile}
          onChange={setMobile}
          data-testid="phone-sms-mobile"
        />
        <label className="m-field">
          <span>{t('smsCode')}</span>
          <div className="m-challenge">
            <input
              className="m-input"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(event) => setCode(event.target.value)}
              data-testid="phone-sms-code"
            />
            <button
              type="button"
              className="m-button"
              disabled={wait > 0}
              onClick={() => void send()}
              data-testid="phone-sms-send"
            >
              {wait > 0 ? t('resendIn', { seconds: wait }) : t('sendCode')}
            </button>
          </div>
          {sentTo && <small className="m-muted">{t('codeSent', { mobile: sentTo })}</small>}
        </label>
        {error && (
          <p className="m-error" role="alert" data-testid="phone-login-error">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="m-button m-button-primary"
          disabled={busy}
          data-testid="phone-sms-submit"
        >
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </LoginShell>
  );
}
