// 融资需求 the enterprise's financing needs on the phone: its own needs with their state, and the form to state
// one — amount, term, purpose, and the consent to share the enterprise's data with the banks it is sent to.
// The state words are the phone's own (the shared labels sit in a module holding zod, which the phone never loads).
import { useState, type FormEvent } from 'react';
import type { CurrentUser, NeedPage, NeedState } from '@qinqing/shared';
import { phoneApi } from '../api.ts';
import { errorText, useResource, useToast } from '../hooks.ts';
import { useLang } from '../texts.ts';
import { LoadFailed, Loading, TextField, FormEnd } from './parts.tsx';

const STATE_WORDS: Record<NeedState, [zh: string, en: string]> = {
  submitted: ['已提交', 'Submitted'],
  vetted: ['已审核', 'Vetted'],
  sent: ['已推送银行', 'Sent to banks'],
  approved: ['已获审批', 'Approved'],
  granted: ['已放款', 'Lent'],
  declined: ['均未通过', 'Declined'],
  withdrawn: ['已撤回', 'Withdrawn'],
};

export function FinancingPage({ user }: { user: CurrentUser }) {
  const { t, lang } = useLang();
  const toast = useToast();
  const needs = useResource<NeedPage>('financing-needs', () => phoneApi.financingNeeds());
  const [amount, setAmount] = useState('');
  const [term, setTerm] = useState('12');
  const [purpose, setPurpose] = useState('');
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!user.enterpriseId) return;
    setBusy(true);
    setError(null);
    try {
      await phoneApi.stateNeed({
        enterpriseId: user.enterpriseId,
        amount: amount.trim(),
        termMonths: Number(term),
        purpose: purpose.trim(),
        consentToShare: consent,
      });
      toast(t('needStated'));
      setAmount('');
      setPurpose('');
      needs.reload();
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="m-page">
      <h1 className="m-title">{t('financingTitle')}</h1>
      <p className="m-muted m-small">{t('financingLead')}</p>
      <form
        className="m-card m-form"
        onSubmit={(event) => void submit(event)}
        noValidate
        data-testid="phone-need-form"
      >
        <TextField
          label={t('needAmount')}
          inputMode="decimal"
          value={amount}
          onChange={setAmount}
          data-testid="phone-need-amount"
        />
        <TextField
          label={t('needTerm')}
          inputMode="numeric"
          value={term}
          onChange={setTerm}
          data-testid="phone-need-term"
        />
        <TextField
          label={t('needPurpose')}
          value={purpose}
          maxLength={500}
          onChange={setPurpose}
          data-testid="phone-need-purpose"
        />
        <label className="m-row m-gap">
          <input
            type="checkbox"
            checked={consent}
            onChange={(event) => setConsent(event.target.checked)}
            data-testid="phone-need-consent"
          />
          <span className="m-small">{t('needConsent')}</span>
        </label>
        <FormEnd error={error} busy={busy} label={t('needSubmit')} testId="phone-need" />
      </form>
      {needs.error ? (
        <LoadFailed error={needs.error} onRetry={needs.reload} />
      ) : !needs.data ? (
        <Loading />
      ) : (
        <ul className="m-plain" data-testid="phone-needs">
          {needs.data.items.map((need) => (
            <li key={need.id} className="m-card m-row">
              <span className="m-grow">
                {need.amount} · {need.purpose}
              </span>
              <span className="m-muted m-small">{STATE_WORDS[need.state][lang === 'en' ? 1 : 0]}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
