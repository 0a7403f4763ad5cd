// The pieces every public page is made of: the frame, a labelled field with its error, the alert.
import type { ReactNode } from 'react';
import './public.css';

export function PublicFrame({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
}) {
  return (
    <main className="qq-public">
      <h1>{title}</h1>
      {subtitle ? <p className="qq-sub">{subtitle}</p> : null}
      {children}
    </main>
  );
}

export function Field(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  type?: 'text' | 'password' | 'tel';
  hint?: string;
  autoComplete?: string;
}) {
  return (
    <div>
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        inputMode={props.type === 'tel' ? 'numeric' : undefined}
        autoComplete={props.autoComplete}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        aria-invalid={props.error ? true : undefined}
      />
      {props.hint ? <div className="qq-hint">{props.hint}</div> : null}
      {props.error ? <div className="qq-field-error">{props.error}</div> : null}
    </div>
  );
}

export function Alert({ children, done }: { children: ReactNode; done?: boolean }) {
  return (
    <div className={done ? 'qq-alert qq-done' : 'qq-alert'} role={done ? 'status' : 'alert'}>
      {children}
    </div>
  );
}

export const PASSWORD_HINT = '至少 12 位，包含大写字母、小写字母、数字、符号中的至少三类';
