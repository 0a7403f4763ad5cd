// Small pieces the phone pages share: loading, a failed load with retry, a state's tag.
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
