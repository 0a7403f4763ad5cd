// Small pieces the phone pages share: loading, a failed load with retry, a state's tag, a labelled field.
import type { InputHTMLAttributes, ReactNode } from 'react';
import type { AppealState } from '@qinqing/shared';
import { errorText } from '../hooks.ts';
import { useLang } from '../texts.ts';

export function Loading() {
  const { t } = useLang();
  return <div className="m-center m-muted">{t('loading')}</div>;
}

export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useLang();
  return (
    <div className="m-center">
      <p className="m-error">{errorText(error, t)}</p>
      <button type="button" className="m-button" onClick={onRetry}>
        {t('retry')}
      </button>
    </div>
  );
}

const TONE: Partial<Record<AppealState, string>> = {
  submitted: 'm-tag-wait',
  returned: 'm-tag-wait',
  answered: 'm-tag-act',
  confirmed: 'm-tag-act',
  closed: 'm-tag-done',
  invalid: 'm-tag-off',
  merged: 'm-tag-off',
};

export function StateTag({ state, label }: { state: AppealState; label: string }) {
  return (
    <span className={`m-tag ${TONE[state] ?? 'm-tag-busy'}`} data-testid="phone-appeal-state">
      {label}
    </span>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'className'>;

/** A labelled input of the phone forms: the label above, the input, an optional hint below. */
export function TextField({
  label,
  hint,
  value,
  onChange,
  ...input
}: InputProps & { label: ReactNode; hint?: ReactNode; value: string; onChange: (value: string) => void }) {
  return (
    <label className="m-field">
      <span>{label}</span>
      <input
        className="m-input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...input}
      />
      {hint && <small className="m-muted">{hint}</small>}
    </label>
  );
}

/** The end of a phone form: what went wrong (if anything), then the submit button. Test ids: `<testId>-error`, `<testId>-submit`. */
export function FormEnd({
  error,
  busy,
  label,
  testId,
}: {
  error: string | null | undefined;
  busy: boolean;
  label: ReactNode;
  testId: string;
}) {
  return (
    <>
      {error && (
        <p className="m-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
      <button
        type="submit"
        className="m-button m-button-primary"
        disabled={busy}
        data-testid={`${testId}-submit`}
      >
        {label}
      </button>
    </>
  );
}
