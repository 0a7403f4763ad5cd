// 登录 sign in on the phone: username or mobile and password (the server decides which it is), and the
// image challenge the server asks for after repeated failures.
import { useState, type FormEvent } from 'react';
import type { CurrentUser, LoginChallenge } from '@qinqing/shared';
import { phoneApi, PhoneApiError } from '../api.ts';
import { errorText } from '../hooks.ts';
import { navigate, safePhonePath } from '../router.ts';
import { useLang } from '../texts.ts';

export function LoginPage({
  redirect,
  onSignedIn,
}: {
  redirect: string | null;
  onSignedIn: (user: CurrentUser) => void;
}) {
  const { t, lang, setLang } = useLang();
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

  return (
    <div className="m-page m-login">
      <header className="m-login-head">
        <div className="m-logo" aria-hidden="true">
          亲清
        </div>
        <h1>{t('loginTitle')}</h1>
        <p className="m-muted">{t('loginLead')}</p>
      </header>
      <form className="m-card m-form" onSubmit={(event) => void submit(event)} noValidate>
        <label className="m-field">
          <span>{t('username')}</span>
          <input
            className="m-input"
            name="username"
            autoComplete="username"
            inputMode="text"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            data-testid="phone-login-username"
          />
        </label>
        <label className="m-field">
          <span>{t('password')}</span>
          <input
            className="m-input"
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            data-testid="phone-login-password"
          />
        </label>
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
      <p className="m-muted m-small">{t('noAccount')}</p>
      <button type="button" className="m-link" onClick={() => setLang(lang === 'en' ? 'zh' : 'en')}>
        {t('language')}
      </button>
    </div>
  );
}
