// 适合我的政策 policies for my enterprise: the published policies whose conditions it meets (or that the
// federation sent it), closing-soon first, then newest, each with why it fits and its deadline.
import type { MyPolicy } from '@qinqing/shared';
import { BENEFIT_KIND_LABELS } from '@qinqing/shared';
import { phoneApi } from '../api.ts';
import { useResource } from '../hooks.ts';
import { linkProps } from '../router.ts';
import { useLang, type Translate } from '../texts.ts';
import { LoadFailed, Loading } from './parts.tsx';

export function deadlineText(item: MyPolicy, t: Translate): string | null {
  if (item.closesInDays === null) return null;
  return item.closesInDays === 0 ? t('closesToday') : t('closesIn', { days: item.closesInDays });
}

export function PoliciesPage() {
  const { t } = useLang();
  const policies = useResource('my-policies', () => phoneApi.myPolicies());
  if (policies.error) return <LoadFailed error={policies.error} onRetry={policies.reload} />;
  if (!policies.data) return <Loading />;
  const { items } = policies.data;
  return (
    <div className="m-page">
      <div className="m-page-head">
        <h1 className="m-title">{t('myPolicies')}</h1>
      </div>
      <p className="m-muted m-small">{t('myPoliciesLead')}</p>
      {/* 服务包 the packages the federation gave the enterprise */}
      <p className="m-small">
        <a {...linkProps('/packages')} data-testid="phone-packages-link">
          {t('myPackages')} →
        </a>
      </p>
      {items.length === 0 && <p className="m-empty">{t('noPolicies')}</p>}
      <ul className="m-list" data-testid="phone-policies">
        {items.map((item) => {
          const deadline = deadlineText(item, t);
          const soon = item.closesInDays !== null && item.closesInDays <= 7;
          return (
            <li key={item.policy.id}>
              <a
                className="m-list-item"
                {...linkProps(`/policies/${item.policy.id}`)}
                data-testid="phone-policy-item"
              >
                <div className="m-row">
                  <strong className="m-grow">{item.policy.title}</strong>
                  {!item.read && <span className="m-badge-inline">{t('unreadPolicy')}</span>}
                </div>
                <div className="m-muted m-small">
                  {item.policy.issuer} · {BENEFIT_KIND_LABELS[item.policy.benefitKind]}
                  {item.pushed ? ` · ${t('pushedToYou')}` : ''}
                </div>
                {deadline && <div className={soon ? 'm-small m-warn' : 'm-small m-muted'}>{deadline}</div>}
                <ul className="m-reasons m-small">
                  {item.reasons.map((reason) => (
                    <li key={reason.field}>✓ {reason.text}</li>
                  ))}
                </ul>
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
