// 申请开通账号 /request-access: credit code, name and mobile; the federation or the chamber secretary decides
// and sends a link to set the password. The answer is the same whether or not the code is on the roster.
import { useState, type FormEvent } from 'react';
import { postPublic, type PublicError } from './public-api.ts';
import { Alert, Field, PublicFrame } from './PublicForm.tsx';

export function RequestAccessPage() {
  const [uscc, setUscc] = useState('');
  const [name, setName] = useState('');
  const [mobile, setMobile] = useState('');
  const [error, setError] = useState<PublicError | undefined>();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const answer = await postPublic('/access-requests', { uscc, name, mobile });
    setBusy(false);
    if (answer.ok) setSent(true);
    else setError(answer.error);
  };

  if (sent) {
    return (
      <PublicFrame title="申请已提交">
        <Alert done>工商联或商会秘书长核实后会为您开通账号，并发给您设置密码的链接。</Alert>
      </PublicFrame>
    );
  }
  return (
    <PublicFrame
      title="申请开通企业账号"
      subtitle="填写贵企业的统一社会信用代码和您的姓名、手机号，由工商联或商会秘书长审核。"
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        {error && Object.keys(error.fields).length === 0 ? <Alert>{error.message}</Alert> : null}
        <Field
          id="uscc"
          label="统一社会信用代码"
          value={uscc}
          onChange={setUscc}
          error={error?.fields.uscc}
        />
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
          autoComplete="tel"
        />
        <button type="submit" disabled={busy}>
          {busy ? '正在提交…' : '提交申请'}
        </button>
      </form>
    </PublicFrame>
  );
}
