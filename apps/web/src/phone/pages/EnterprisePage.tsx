// 我的企业 my enterprise: the record in brief, its contacts and the accounts that sign in for it; the
// account's own settings (language, password, sign out) below.
import type { CurrentUser } from '@qinqing/shared';
import { phoneApi } from '../api.ts';
import { useResource } from '../hooks.ts';
import { chamberRoleWord, membershipWord } from '../labels.ts';
import { linkProps } from '../router.ts';
import { useLang } from '../texts.ts';
import { LoadFailed, Loading } from './parts.tsx';

export function EnterprisePage({ user }: { user: CurrentUser }) {
  const { t, lang, setLang } = useLang();
  const resource = useResource('own-enterprise', () => phoneApi.ownEnterprise());

  async function signOut() {
    await phoneApi.logout().catch(() => undefined);
    window.location.replace('/m/login');
  }

  let body;
  if (resource.error) body = <LoadFailed error={resource.error} onRetry={resource.reload} />;
  else if (!resource.data) body = <Loading />;
  else {
    const enterprise = resource.data.enterprise;
    const facts: [string, string | null][] = [
      [t('uscc'), enterprise.uscc],
      [t('federation'), enterprise.orgUnitName],
      [t('membership'), membershipWord(enterprise.membershipStatus, lang)],
      [t('legalRepresentative'), enterprise.legalRepresentative],
      [t('industry'), enterprise.industryName],
      // The registered address already names its division; the division alone when there is none.
      [t('address'), enterprise.address ?? enterprise.divisionName],
    ];
    body = (
      <>
        <section className="m-card" data-testid="phone-enterprise">
          <h1 className="m-title">{enterprise.name}</h1>
          <dl className="m-facts">
            {facts
              .filter(([, value]) => value)
              .map(([label, value]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
          </dl>
        </section>
        {enterprise.chambers.length > 0 && (
          <section className="m-card">
            <h2 className="m-subtitle">{t('chambers')}</h2>
            <ul className="m-plain">
              {enterprise.chambers.map((chamber) => (
                <li key={chamber.id} className="m-row">
                  <span className="m-grow">{chamber.name}</span>
                  <span className="m-muted m-small">{chamberRoleWord(chamber.role, lang)}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
        <section className="m-card">
          <h2 className="m-subtitle">{t('contacts')}</h2>
          <ul className="m-plain" data-testid="phone-enterprise-contacts">
            {enterprise.contacts.map((contact) => (
              <li key={contact.id}>
                <div className="m-row">
                  <strong className="m-grow">
                    {contact.name}
                    {contact.position ? ` · ${contact.position}` : ''}
                  </strong>
                  {contact.isPrimary && <span className="m-tag m-tag-done">{t('primaryContact')}</span>}
                </div>
                {contact.mobile && <div className="m-muted m-small">{contact.mobile}</div>}
              </li>
            ))}
          </ul>
        </section>
        <section className="m-card">
          <h2 className="m-subtitle">{t('accounts')}</h2>
          <ul className="m-plain" data-testid="phone-enterprise-accounts">
            {enterprise.accounts.map((account) => (
              <li key={account.id}>
                {account.displayName}
                {account.you ? `（${t('you')}）` : ''}
              </li>
            ))}
          </ul>
        </section>
      </>
    );
  }

  return (
    <div className="m-page">
      {body}
      <section className="m-card m-form">
        <p className="m-muted m-small">{t('signedInAs', { name: user.displayName })}</p>
        {/* 融资 financing */}
        <a className="m-button" {...linkProps('/financing')} data-testid="phone-financing-link">
          {t('financingLink')}
        </a>
        {/* 互助 mutual aid */}
        <a className="m-button" {...linkProps('/aid')} data-testid="phone-aid-link">
          {t('aidTitle')}
        </a>
        {/* 捐赠 donations · 志愿服务 volunteers */}
        <a className="m-button" {...linkProps('/donations')} data-testid="phone-donations-link">
          {t('donationsLink')}
        </a>
        <a className="m-button" {...linkProps('/volunteers')} data-testid="phone-volunteers-link">
          {t('volunteersLink')}
        </a>
        <button type="button" className="m-button" onClick={() => setLang(lang === 'en' ? 'zh' : 'en')}>
          {t('language')}
        </button>
        <a className="m-button" {...linkProps('/password')}>
          {t('changePassword')}
        </a>
        <button
          type="button"
          className="m-button"
          onClick={() => void signOut()}
          data-testid="phone-sign-out"
        >
          {t('signOut')}
        </button>
      </section>
    </div>
  );
}
