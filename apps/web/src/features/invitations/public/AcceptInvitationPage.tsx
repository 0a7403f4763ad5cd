// 接受邀请 /invite/<code>: the enterprise the code admits, then name, mobile and a password make the
// contact's own account; it signs in with the mobile number.
import { useEffect, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { getPublic, postPublic, type PublicError } from './public-api.ts';
import { Alert, Field, PASSWORD_HINT, PublicFrame } from './PublicForm.tsx';

export function AcceptInvitationPage() {
  const { code = '' } = useParams();
  const [preview, setPreview] = useState<{ enterpriseName: string } | PublicError | undefined>();
  const [name, setName] = useState('');
  const [mobile, setMobile] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<PublicError | undefined>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | undefined>();

  useEffect(() => {
    void getPublic<{ enterpriseName: string }>(`/invitations/preview?code=${encodeURIComponent(code)}`).then(
      (answer) => setPreview(answer.ok ? answer.data : answer.error),
    );
  }, [code]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const answer = await postPublic('/invitations/accept', { code, name, mobile, password });
    setBusy(false);
    if (answer.ok) setDone(mobile);
    else setError(answer.error);
  };

  if (preview === undefined) return <PublicFrame title="开通企业账号">正在读取邀请…</PublicFrame>;
  if ('code' in preview) {
    return (
      <PublicFrame title="开通企业账号">
        <Alert>{preview.message}</Alert>
        <a href="/request-access">没有有效邀请？申请开通账号</a>
      </PublicFrame>
    );
  }
  if (done) {
    return (
      <PublicFrame title="账号已开通" subtitle={preview.enterpriseName}>
        <Alert done>请用手机号 {done} 和刚设置的密码登录。</Alert>
        <a href="/m/login" data-testid="go-sign-in">
          去登录
        </a>
      </PublicFrame>
    );
  }
  return (
    <PublicFrame title="开通企业账号" subtitle={`${preview.enterpriseName} 邀请您开通亲清平台企业联系人账号`}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        {error && Object.keys(error.fields).length === 0 ? <Alert>{error.message}</Alert> : null}
        <Field
          id="name"
          label="姓名"
          value={name}
          onChange={setName}
          error={error?.fields.name}
          autoComplete="name"
        />
        <Field
          id="mobile"
          label="手机号"
          type="tel"
          value={mobile}
          onChange={setMobile}
          error={error?.fields.mobile}
          hint="登录时用手机号作为用户名"
          autoComplete="tel"
        />
        <Field
          id="password"
          label="设置密码"
          type="password"
          value={password}
          onChange={setPassword}
          error={error?.fields.password}
          hint={PASSWORD_HINT}
          autoComplete="new-password"
        />
        <button type="submit" disabled={busy}>
          {busy ? '正在开通…' : '开通账号'}
        </button>
      </form>
    </PublicFrame>
  );
}
