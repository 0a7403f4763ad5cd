// 我的服务包 my service packages: the packages the federation handed the enterprise (开展送专属服务包活动),
// newest first, each with its policies (opening on the policy's page) and services in order.
import type { MyPackage } from '@qinqing/shared';
import { phoneApi } from '../api.ts';
import { useResource } from '../hooks.ts';
import { linkProps } from '../router.ts';
import { useLang } from '../texts.ts';
import { LoadFailed, Loading } from './parts.tsx';

function PackageCard({ item }: { item: MyPackage }) {
  const { t } = useLang();
  return (
    <li className="m-list-item" data-testid="phone-package">
      <strong>{item.name}</strong>
      <div className="m-muted m-small">
        {item.orgUnitName} · {t('handedOn', { date: item.handedOn })}
      </div>
      {item.description && <p className="m-small">{item.description}</p>}
      <ol className="m-reasons m-small">
        {item.items.map((entry) => (
          <li key={entry.position}>
            {entry.policy ? (
              <a {...linkProps(`/policies/${entry.policy.id}`)}>
                {t('packagePolicy')}：{entry.policy.title}
              </a>
            ) : (
              <span>
                {t('packageService')}：{entry.service}
              </span>
            )}
          </li>
        ))}
      </ol>
    </li>
  );
}

export function PackagesPage() {
  const { t } = useLang();
  const packages = useResource('my-packages', () => phoneApi.myPackages());
  if (packages.error) return <LoadFailed error={packages.error} onRetry={packages.reload} />;
  if (!packages.data) return <Loading />;
  const { items } = packages.data;
  return (
    <div className="m-page">
      <div className="m-page-head">
        <h1 className="m-title">{t('myPackages')}</h1>
      </div>
      <p className="m-muted m-small">{t('myPackagesLead')}</p>
      {items.length === 0 && <p className="m-empty">{t('noPackages')}</p>}
      <ul className="m-list" data-testid="phone-packages">
        {items.map((item) => (
          <PackageCard key={item.id} item={item} />
        ))}
      </ul>
    </div>
  );
}
