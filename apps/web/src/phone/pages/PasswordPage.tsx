// 修改密码 change password: asked at first sign-in (an initial password given by staff), and from 我的企业.
import { useState, type FormEvent } from 'react';
import type { CurrentUser } from '@qinqing/shared';
import { phoneApi } from '../api.ts';
import { errorText, useToast } from '../hooks.ts';
import { linkProps, navigate } from '../router.ts';
import { useLang } from '../texts.ts';
import { TextField } from './parts.tsx';

export function PasswordPage({
  user,
  onChanged,
}: {
  user: CurrentUser;
  onChanged: (user: CurrentUser) => void;
}) {
  const { t } = useLang();
  const toast = useToast();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!current) return setError(t('required', { what: t('currentPassword') }));
    if (!next) return setError(t('required', { what: t('newPassword') }));
    if (next !== repeat) return setError(t('passwordMismatch'));
    setBusy(true);
    setError(null);
    try {
      const answer = await phoneApi.changePassword(current, next);
      toast(t('passwordSaved'));
      navigate('/', { replace: true });
      onChanged(answer.user);
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="m-page">
      <h1 className="m-title">{t('passwordTitle')}</h1>
      {user.mustChangePassword && <p className="m-muted">{t('passwordLead')}</p>}
      <form className="m-card m-form" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label={t('currentPassword')}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
        />
        <TextField
          label={t('newPassword')}
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={setNext}
        />
        <TextField
          label={t('repeatPassword')}
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={setRepeat}
        />
        {error && (
          <p className="m-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="m-button m-button-primary" disabled={busy}>
          {t('savePassword')}
        </button>
      </form>
      {!user.mustChangePassword && (
        <a className="m-link" {...linkProps('/enterprise')}>
          {t('enterpriseTitle')}
        </a>
      )}
    </div>
  );
}
