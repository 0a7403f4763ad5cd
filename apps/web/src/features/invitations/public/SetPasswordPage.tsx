// 设置密码 /set-password/<code>: a one-time link staff issued (a reset, or an approved access request).
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { postPublic, type PublicError } from './public-api.ts';
import { Alert, Field, PASSWORD_HINT, PublicFrame } from './PublicForm.tsx';

export function SetPasswordPage() {
  const { code = '' } = useParams();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<PublicError | undefined>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const answer = await postPublic('/password-resets/redeem', { code, password });
    setBusy(false);
    if (answer.ok) setDone(true);
    else setError(answer.error);
  };

  if (done) {
    return (
      <PublicFrame title="密码已设置">
        <Alert done>请用手机号和新密码登录。</Alert>
        <a href="/m/login" data-testid="go-sign-in">
          去登录
        </a>
      </PublicFrame>
    );
  }
  return (
    <PublicFrame title="设置登录密码">
      <form onSubmit={(event) => void submit(event)} noValidate>
        {error && Object.keys(error.fields).length === 0 ? <Alert>{error.message}</Alert> : null}
        <Field
          id="password"
          label="新密码"
          type="password"
          value={password}
          onChange={setPassword}
          error={error?.fields.password}
          hint={PASSWORD_HINT}
          autoComplete="new-password"
        />
        <button type="submit" disabled={busy}>
          {busy ? '正在保存…' : '设置密码'}
        </button>
      </form>
    </PublicFrame>
  );
}
