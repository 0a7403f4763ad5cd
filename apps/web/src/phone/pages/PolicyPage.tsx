// One policy as the enterprise sees it: why it fits, its key facts and full text (shown as text, never as
// markup), marks (interested / applying) and a question that becomes an appeal. Opening it is the read
// receipt (the first time only, whoever of the enterprise's contacts opens it).
import { useEffect, useState } from 'react';
import { POLICY_MARK_LABELS, REDEMPTION_MODE_LABELS, type PolicyMark } from '@qinqing/shared';
import { phoneApi } from '../api.ts';
import { errorText, useResource, useToast } from '../hooks.ts';
import { linkProps } from '../router.ts';
import { useLang } from '../texts.ts';
import { LoadFailed, Loading } from './parts.tsx';
import { deadlineText } from './PoliciesPage.tsx';

export function PolicyPage({ id }: { id: string }) {
  const { t } = useLang();
  const toast = useToast();
  const loaded = useResource(`policy:${id}`, () => phoneApi.myPolicy(id));
  const [mark, setMark] = useState<PolicyMark | null | undefined>(undefined);
  const [question, setQuestion] = useState('');
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    phoneApi.readPolicy(id).catch(() => undefined);
  }, [id]);
  if (loaded.error) return <LoadFailed error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  const { item, policy } = loaded.data;
  const current = mark === undefined ? item.mark : mark;
  const deadline = deadlineText(item, t);

  async function choose(next: PolicyMark) {
    const value = current === next ? null : next;
    try {
      await phoneApi.markPolicy(id, value);
      setMark(value);
      if (value) toast(t('marked', { mark: POLICY_MARK_LABELS[value] }));
    } catch (error) {
      toast(errorText(error, t));
    }
  }

  async function ask() {
    if (!question.trim()) {
      setFailure(t('required', { what: t('askQuestion') }));
      return;
    }
    setSending(true);
    setFailure(null);
    try {
      const answer = await phoneApi.askAboutPolicy(id, question.trim());
      setQuestion('');
      toast(t('questionSent', { number: answer.appealNumber }));
    } catch (error) {
      setFailure(errorText(error, t));
    } finally {
      setSending(false);
    }
  }

  const amount = policy.amountMax !== null ? `${policy.amountMin ?? '0'} – ${policy.amountMax} 元` : null;
  const facts: [string, string][] = [
    [t('issuer'), policy.issuer],
    [t('effective'), `${policy.effectiveOn} – ${policy.expiresOn ?? '—'}`],
    ...(policy.applicationClosesOn
      ? [
          [t('window'), `${policy.applicationOpensOn ?? ''} – ${policy.applicationClosesOn}`] as [
            string,
            string,
          ],
        ]
      : []),
    ...(amount ? [[t('amount'), amount] as [string, string]] : []),
    [t('redemptionMode'), REDEMPTION_MODE_LABELS[policy.redemption]],
    ...(policy.contact ? [[t('contact'), policy.contact] as [string, string]] : []),
  ];
  return (
    <div className="m-page" data-testid="phone-policy">
      <a className="m-muted m-small" {...linkProps('/policies')}>
        ‹ {t('backToPolicies')}
      </a>
      <h1 className="m-title">{policy.title}</h1>
      <div className="m-muted m-small">{policy.documentNumber}</div>
      {deadline && <p className="m-warn">{deadline}</p>}
      <section className="m-card">
        <h2 className="m-subtitle">{t('whyFits')}</h2>
        <ul className="m-reasons" data-testid="phone-policy-reasons">
          {item.reasons.map((reason) => (
            <li key={reason.field}>✓ {reason.text}</li>
          ))}
        </ul>
        {item.manual.length > 0 && (
          <p className="m-small m-muted">
            {t('manualCheck')}：{item.manual.join('；')}
          </p>
        )}
      </section>
      <section className="m-card">
        <h2 className="m-subtitle">{t('policyFacts')}</h2>
        <p className="m-pre">{policy.summary}</p>
        <dl className="m-facts">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <div className="m-row m-gap">
        {(['interested', 'applying'] as const).map((value) => (
          <button
            key={value}
            type="button"
            className={current === value ? 'm-button m-button-primary m-grow' : 'm-button m-grow'}
            aria-pressed={current === value}
            onClick={() => void choose(value)}
            data-testid={`phone-policy-mark-${value}`}
          >
            {value === 'interested' ? t('markInterested') : t('markApplying')}
          </button>
        ))}
      </div>
      {policy.fullText && (
        <section className="m-card">
          <h2 className="m-subtitle">{t('fullText')}</h2>
          <p className="m-pre">{policy.fullText}</p>
        </section>
      )}
      {policy.attachments.length > 0 && (
        <section className="m-card">
          <h2 className="m-subtitle">{t('attachments')}</h2>
          <ul className="m-photos" data-testid="phone-policy-attachments">
            {policy.attachments.map((attachment) => (
              <li key={attachment.id} className="m-photo">
                <a
                  className="m-file"
                  href={`/api/my/policies/${encodeURIComponent(policy.id)}/attachments/${encodeURIComponent(attachment.id)}`}
                >
                  {attachment.fileName}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="m-card">
        <h2 className="m-subtitle">{t('askQuestion')}</h2>
        <textarea
          className="m-input m-textarea"
          rows={3}
          maxLength={2000}
          value={question}
          placeholder={t('questionPlaceholder')}
          onChange={(event) => setQuestion(event.target.value)}
          data-testid="phone-policy-question"
        />
        {failure && <p className="m-error">{failure}</p>}
        <button
          type="button"
          className="m-button m-button-primary"
          disabled={sending}
          onClick={() => void ask()}
          data-testid="phone-policy-ask"
        >
          {t('send')}
        </button>
      </section>
    </div>
  );
}
